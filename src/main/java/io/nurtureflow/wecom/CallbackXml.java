package io.nurtureflow.wecom;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.StoredInstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** WeCom's flat XML: one root, one level of text elements. No DTDs, no entities: the body comes from outside. */
final class CallbackXml {

    private static final DocumentBuilderFactory FACTORY = DocumentBuilderFactory.newInstance();

    static {
        try {
            FACTORY.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            FACTORY.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            FACTORY.setXIncludeAware(false);
            FACTORY.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final List<String> IDS = List.of("ToUserName", "FromUserName", "Event", "ChangeType", "UserID",
            "ExternalUserID", "State");

    private CallbackXml() {
    }

    static Map<String, String> parse(String xml) {
        try {
            var builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            var root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            var fields = new LinkedHashMap<String, String>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    fields.put(element.getTagName(), element.getTextContent().trim());
                }
            }
            return fields;
        } catch (Exception e) {
            throw new BadInput("body", "The callback body is not WeCom's XML.");
        }
    }

    /**
     * The event in a signed message, or BadInput naming what WeCom never sends: ids beyond its 64 characters, a
     * CreateTime that is no time at all. Empty elements are absent ones: an empty ExternalUserID names nobody.
     */
    static CallbackEvent event(String message) {
        var fields = parse(message);
        long createTime;
        try {
            createTime = Long.parseLong(fields.getOrDefault("CreateTime", ""));
        } catch (NumberFormatException e) {
            throw new BadInput("CreateTime", "The callback message has no CreateTime in seconds.");
        }
        if (createTime < 0 || createTime > StoredInstants.LATEST.getEpochSecond()) {
            throw new BadInput("CreateTime", "CreateTime " + createTime + " is not a time in seconds.");
        }
        for (String id : IDS) {
            if (fields.containsKey(id) && fields.get(id).length() > WeComLimits.ID_LENGTH) {
                throw new BadInput(id, id + " is longer than WeCom's " + WeComLimits.ID_LENGTH + " characters.");
            }
        }
        return new CallbackEvent(present(fields, "ToUserName"), present(fields, "FromUserName"),
                Instant.ofEpochSecond(createTime), present(fields, "MsgType"), present(fields, "Event"),
                present(fields, "ChangeType"), present(fields, "UserID"), present(fields, "ExternalUserID"),
                present(fields, "State"), present(fields, "WelcomeCode"), Map.copyOf(fields));
    }

    private static String present(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Two different events can share FromUserName ("sys") and CreateTime (seconds); a retry shares the message too. */
    static String digest(String message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
