/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LB_ERROR (lb_error_quark ())

typedef enum {
  LB_ERROR_FAILED,
  LB_ERROR_IO,
  LB_ERROR_PARSE,          /* not well-formed XML or CSV */
  LB_ERROR_FORBIDDEN,      /* DTDs, entities, things we refuse on principle */
  LB_ERROR_SCHEMA,         /* does not follow the schema */
  LB_ERROR_INVALID,        /* semantic: duplicate ids, dangling references */
  LB_ERROR_NOT_FOUND,
  LB_ERROR_TOO_LARGE,
  LB_ERROR_USAGE,          /* bad command-line arguments */
  LB_ERROR_CORRUPT,        /* a damaged or foreign database file */
  LB_ERROR_FULL,           /* no room left on the device */
  LB_ERROR_READ_ONLY,      /* the database cannot be written */
  LB_ERROR_FINAL,          /* a final observation cannot change */
  LB_ERROR_CONFLICT,       /* import or sync found different content */
  LB_ERROR_AMBIGUOUS,      /* a name matches more than one person */
} LbErrorCode;

GQuark lb_error_quark (void);

G_END_DECLS
