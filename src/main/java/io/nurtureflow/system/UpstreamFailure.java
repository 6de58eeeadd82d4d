package io.nurtureflow.system;

/**
 * A service we depend on (WeCom) failed, so the request could not be done; answered with 502. It lives here
 * rather than beside the WeCom client so that the error mapping does not make this package depend on WeCom's.
 */
public class UpstreamFailure extends RuntimeException {

    public UpstreamFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
