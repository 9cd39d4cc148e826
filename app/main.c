/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lb-application.h"
#include "lb-cli.h"

int
main (int argc, char *argv[])
{
  /* Read before lb_cli_run() fills in Dutch: a LANGUAGE given by whoever
   * started the app beats the "language" preference. */
  const char *language = g_getenv ("LANGUAGE");
  gboolean language_given = language && *language;
  /* A subcommand works headless and never touches GTK or the display. */
  int status = lb_cli_run (argc, argv);
  if (status != LB_CLI_RUN_GUI)
    return status;
  if (!language_given)
    lb_application_apply_language ();

  g_autoptr(LbApplication) app = lb_application_new ();
  char *gui_argv[] = { argv[0], NULL };
  return g_application_run (G_APPLICATION (app), 1, gui_argv);
}
