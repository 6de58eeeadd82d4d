/**
 * Funnels and dashboards: daily roll-ups kept in the transaction of each fact they count (a scan, a lead, a WeCom
 * contact, a stage, a task opened or closed, a push due, moved, sent or answered), the funnel, rep SLA and SOP step
 * reports read from them, each as JSON and as a CSV download, the dashboard page for admins and sales leads, and the
 * daily and weekly reports sent to them and kept.
 */
package io.nurtureflow.report;
