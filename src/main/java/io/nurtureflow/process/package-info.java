/**
 * Everything Camunda: thin delegates and listeners, message correlation from the event inbox, the process
 * vocabulary, the engine's users and settings, and the simulation clock. No other package imports org.camunda.
 */
package io.nurtureflow.process;
