/**
 * Channels and their live codes (活码): routing of scanners to reps (weights, daily caps, backups, schedules,
 * online/offline, departures, sticky reps), QR codes and posters, the scan log, the public landing page, its lead
 * form and privacy notice page, channel stats, leads captured by integrations, and the WeCom contact way of each
 * channel with its add callback and welcome message.
 */
package io.nurtureflow.capture;
