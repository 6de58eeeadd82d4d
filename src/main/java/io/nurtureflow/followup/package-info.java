/**
 * The sales rep's side: first-contact, follow-up, call-back and escalation tasks with their lead context,
 * outcomes and who may complete what; reps' teams, sales leads and working hours; handing a departed rep's
 * customers over (离职继承). The tasks themselves are the engine's user tasks, reached through {@link
 * io.nurtureflow.followup.TaskEngine}.
 */
package io.nurtureflow.followup;
