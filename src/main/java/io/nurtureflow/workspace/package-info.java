/**
 * The rep's workspace on the phone and in WeCom's chat sidebar (聊天工具栏): my tasks, a customer at a glance,
 * completing a task, and the 话术 library admins keep; sign-in from the WeCom client and the JS-SDK configuration
 * the sidebar needs. The page reads the same APIs scripts use, so it sees exactly what its user may see.
 */
package io.nurtureflow.workspace;
