/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A button that shows a date ("dinsdag 12 november 2025") and opens a
 * calendar to change it: for a row in a form. The date is "YYYY-MM-DD". */
#define LB_TYPE_DATE_BUTTON (lb_date_button_get_type ())
G_DECLARE_FINAL_TYPE (LbDateButton, lb_date_button, LB, DATE_BUTTON, AdwBin)

GtkWidget  *lb_date_button_new      (void);
const char *lb_date_button_get_date (LbDateButton *self);
void        lb_date_button_set_date (LbDateButton *self,
                                     const char   *iso_date);
/* What a screen reader says the button is for ("Lesson date"). */
void        lb_date_button_set_accessible_name (LbDateButton *self,
                                     const char   *name);

G_END_DECLS
