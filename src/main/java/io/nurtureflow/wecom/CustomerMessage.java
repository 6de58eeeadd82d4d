package io.nurtureflow.wecom;

import java.util.List;

/** One message for one external contact, sent as a given rep (WeCom's sender): text and up to 9 attachments. */
public record CustomerMessage(String customerId, String externalUserId, String senderRep, String text,
                              List<Attachment> attachments) {
}
