package io.nurtureflow.wecom;

/** WeCom answered with a non-zero errcode, or could not be reached after the allowed attempts. */
public class WeComException extends RuntimeException {

    /** WeCom's errcode; -1 is also used by WeCom for "system busy", and by us for transport failures. */
    private final int errcode;

    public WeComException(int errcode, String message) {
        super(message);
        this.errcode = errcode;
    }

    public WeComException(String message, Throwable cause) {
        super(message, cause);
        this.errcode = -1;
    }

    public int errcode() {
        return errcode;
    }
}
