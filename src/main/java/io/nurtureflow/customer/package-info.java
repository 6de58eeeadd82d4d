/**
 * The unique customer id and its identities (phone, unionid, WeCom external user id, email, CRM id), every
 * captured lead with its consent to the privacy notice (kept in versions), CRM matching (exact, likely duplicates
 * for review, collisions 撞单 inside the protection window), touchpoints, ownership and its changes, merges with
 * undo, the CRM import and the external CRM adapter, the reps' WeCom relations with the customers' contacts and the
 * import of the reps' existing WeCom contacts, the profile, and the customer's timeline.
 */
package io.nurtureflow.customer;
