/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lb-date-button"

#include "config.h"
#include "lb-date-button.h"
#include "lb-observation-item.h"

#include <glib/gi18n.h>
#include <stdio.h>

struct _LbDateButton
{
  AdwBin       parent_instance;
  GtkWidget   *button;
  GtkCalendar *calendar;
  char        *date;
  char        *name;
};

G_DEFINE_FINAL_TYPE (LbDateButton, lb_date_button, ADW_TYPE_BIN)

enum { PROP_0, PROP_DATE, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
update_label (LbDateButton *self)
{
  g_autofree char *text = lb_format_date (self->date, LB_DATE_LONG);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), text);
  g_autofree char *a11y = self->name ? g_strdup_printf ("%s: %s", self->name, text) : g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
day_selected_cb (LbDateButton *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");
  if (g_strcmp0 (date, self->date) != 0)
    lb_date_button_set_date (self, date);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static void
lb_date_button_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_DATE)
    g_value_set_string (value, LB_DATE_BUTTON (object)->date);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lb_date_button_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_DATE)
    lb_date_button_set_date (LB_DATE_BUTTON (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lb_date_button_finalize (GObject *object)
{
  LbDateButton *self = LB_DATE_BUTTON (object);
  g_free (self->date);
  g_free (self->name);
  G_OBJECT_CLASS (lb_date_button_parent_class)->finalize (object);
}

static void
lb_date_button_class_init (LbDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = lb_date_button_get_property;
  object_class->set_property = lb_date_button_set_property;
  object_class->finalize = lb_date_button_finalize;
  props[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
lb_date_button_init (LbDateButton *self)
{
  self->button = gtk_menu_button_new ();
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_add_css_class (self->button, "date-button");
  GtkWidget *popover = gtk_popover_new ();
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  adw_bin_set_child (ADW_BIN (self), self->button);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  self->date = g_date_time_format (now, "%Y-%m-%d");
  update_label (self);
}

GtkWidget *
lb_date_button_new (void)
{
  return g_object_new (LB_TYPE_DATE_BUTTON, NULL);
}

const char *
lb_date_button_get_date (LbDateButton *self)
{
  g_return_val_if_fail (LB_IS_DATE_BUTTON (self), NULL);
  return self->date;
}

void
lb_date_button_set_date (LbDateButton *self, const char *iso_date)
{
  g_return_if_fail (LB_IS_DATE_BUTTON (self));
  int y, m, d;
  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return;
  g_free (self->date);
  self->date = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, dt);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DATE]);
}

void
lb_date_button_set_accessible_name (LbDateButton *self, const char *name)
{
  g_return_if_fail (LB_IS_DATE_BUTTON (self));
  g_free (self->name);
  self->name = g_strdup (name);
  update_label (self);
}
