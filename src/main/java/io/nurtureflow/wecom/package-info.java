/**
 * Talking to WeCom (企业微信): the API client and callback crypto, and the simulated channel used when no
 * credentials are configured.
 */
package io.nurtureflow.wecom;
