package io.nurtureflow.wecom;

import io.nurtureflow.system.BadInput;
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

    static CallbackEvent event(String message) {
        var fields = parse(message);
        long createTime;
        try {
            createTime = Long.parseLong(fields.getOrDefault("CreateTime", ""));
        } catch (NumberFormatException e) {
            throw new BadInput("CreateTime", "The callback message has no CreateTime.");
        }
        return new CallbackEvent(fields.get("ToUserName"), fields.get("FromUserName"),
                Instant.ofEpochSecond(createTime), fields.get("MsgType"), fields.get("Event"),
                fields.get("ChangeType"), fields.get("UserID"), fields.get("ExternalUserID"), fields.get("State"),
                fields.get("WelcomeCode"), Map.copyOf(fields));
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
