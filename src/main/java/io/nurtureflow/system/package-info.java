/**
 * Security, users and roles, configuration and error handling. The user store itself is the engine's
 * identity service, reached through {@link io.nurtureflow.system.UserDirectory}.
 */
package io.nurtureflow.system;
