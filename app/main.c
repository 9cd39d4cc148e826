/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lb-application.h"
#include "lb-cli.h"

int
main (int argc, char *argv[])
{
  /* A subcommand works headless and never touches GTK or the display. */
  int status = lb_cli_run (argc, argv);
  if (status != LB_CLI_RUN_GUI)
    return status;

  g_autoptr(LbApplication) app = lb_application_new ();
  char *gui_argv[] = { argv[0], NULL };
  return g_application_run (G_APPLICATION (app), 1, gui_argv);
}
