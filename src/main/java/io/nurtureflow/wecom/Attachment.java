package io.nurtureflow.wecom;

/**
 * One attachment of a message to a customer, in the shape WeCom's add_msg_template takes it. Which fields a kind
 * needs is {@link WeComLimits}' business: an image has a media id or a picture URL, a link a title and URL, a
 * mini-program card a title, cover media id, app id and page, a video or file a media id.
 */
public record Attachment(Kind kind, String title, String url, String picUrl, String description, String mediaId,
                         String appId, String page) {

    public enum Kind {
        IMAGE, LINK, MINIPROGRAM, VIDEO, FILE
    }

    public Attachment withUrl(String newUrl) {
        return new Attachment(kind, title, newUrl, picUrl, description, mediaId, appId, page);
    }

    public Attachment withTexts(String newTitle, String newDescription) {
        return new Attachment(kind, newTitle, url, picUrl, newDescription, mediaId, appId, page);
    }
}
