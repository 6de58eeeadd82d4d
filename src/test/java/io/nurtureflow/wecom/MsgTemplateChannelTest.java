package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real channel against a local stand-in that speaks WeCom's documented JSON over HTTP. */
class MsgTemplateChannelTest {

    static final ObjectMapper JSON = new ObjectMapper();
    MockWebServer wecom;
    MsgTemplateChannel channel;
    final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    volatile int taskStatus = 0;
    volatile String addAnswer = "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msgGAAAA\"}";

    @BeforeEach
    void start() throws IOException {
        wecom = new MockWebServer();
        wecom.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/cgi-bin/gettoken")) {
                    return json("{\"errcode\":0,\"access_token\":\"TOKEN-1\",\"expires_in\":7200}");
                }
                try {
                    bodies.add(JSON.readTree(request.getBody().readUtf8()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                if (path.equals(MsgTemplateChannel.ADD_MSG_TEMPLATE)) {
                    return addAnswer == null ? new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST)
                            : json(addAnswer);
                }
                if (path.equals(MsgTemplateChannel.TASK)) {
                    return json("{\"errcode\":0,\"next_cursor\":\"\",\"task_list\":[{\"userid\":\"li.lei\",\"status\":"
                            + taskStatus + "}]}");
                }
                if (path.equals(MsgTemplateChannel.REMIND)) {
                    return json("{\"errcode\":0,\"errmsg\":\"ok\"}");
                }
                if (path.equals(MsgTemplateChannel.SEND_RESULT)) {
                    // two pages: WeCom pages with next_cursor
                    boolean firstPage = bodies.get(bodies.size() - 1).path("cursor").asText().isEmpty();
                    return json(firstPage
                            ? "{\"errcode\":0,\"next_cursor\":\"CURSOR2\",\"send_list\":[{\"external_userid\":\"wmA\",\"userid\":\"li.lei\",\"status\":1,\"send_time\":1700000000},{\"external_userid\":\"wmB\",\"userid\":\"li.lei\",\"status\":0}]}"
                            : "{\"errcode\":0,\"next_cursor\":\"\",\"send_list\":[{\"external_userid\":\"wmC\",\"userid\":\"li.lei\",\"status\":2},{\"external_userid\":\"wmD\",\"userid\":\"li.lei\",\"status\":3}]}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        wecom.start();
        String base = wecom.url("/").toString();
        var settings = new WeComSettings("ww-corp", "corp-secret", null, null, base.substring(0, base.length() - 1),
                Duration.ofSeconds(3), 2, null, null);
        channel = new MsgTemplateChannel(new WeComClient(settings, JSON, Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws IOException {
        wecom.shutdown();
    }

    @Test
    void sendsOneMassSendTaskForAllOfTheRepsCustomersWithEveryAttachmentKind() {
        var sent = channel.massSend(new WeComChannel.MassMessage("li.lei", List.of(recipient("c1", "wmA"),
                recipient("c2", "wmB"), recipient("c3", null)), "您好，本周课表", List.of(
                new Attachment(Attachment.Kind.LINK, "课表", "http://nurture.test/l/abc", null, "本周", null, null, null),
                new Attachment(Attachment.Kind.IMAGE, null, null, "https://example.edu/p.png", null, null, null, null),
                new Attachment(Attachment.Kind.MINIPROGRAM, "预约", null, null, null, "MEDIA", "wx1", "/pages/a"),
                new Attachment(Attachment.Kind.FILE, null, null, null, null, "MEDIA2", null, null))));

        assertThat(sent.msgId()).isEqualTo("msgGAAAA");
        assertThat(sent.statuses()).isEqualTo(Map.of("c1", DeliveryStatus.PENDING, "c2", DeliveryStatus.PENDING,
                "c3", DeliveryStatus.NO_CONTACT));
        var adds = received.stream().filter(r -> r.getRequestUrl().encodedPath().equals(MsgTemplateChannel.ADD_MSG_TEMPLATE))
                .toList();
        assertThat(adds).as("one task for the rep, however many customers").hasSize(1);
        assertThat(adds.get(0).getRequestUrl().queryParameter("access_token")).isEqualTo("TOKEN-1");
        var body = bodies.get(0);
        assertThat(body.get("chat_type").asText()).isEqualTo("single");
        assertThat(body.get("external_userid").toString()).isEqualTo("[\"wmA\",\"wmB\"]");
        assertThat(body.get("sender").asText()).isEqualTo("li.lei");
        assertThat(body.get("text").get("content").asText()).isEqualTo("您好，本周课表");
        var attachments = body.get("attachments");
        assertThat(attachments).hasSize(4);
        assertThat(attachments.get(0).toString()).isEqualTo("{\"msgtype\":\"link\",\"link\":{\"title\":\"课表\","
                + "\"desc\":\"本周\",\"url\":\"http://nurture.test/l/abc\"}}");
        assertThat(attachments.get(1).toString()).isEqualTo("{\"msgtype\":\"image\",\"image\":{\"pic_url\":"
                + "\"https://example.edu/p.png\"}}");
        assertThat(attachments.get(2).toString()).isEqualTo("{\"msgtype\":\"miniprogram\",\"miniprogram\":{\"title\":"
                + "\"预约\",\"pic_media_id\":\"MEDIA\",\"appid\":\"wx1\",\"page\":\"/pages/a\"}}");
        assertThat(attachments.get(3).toString()).isEqualTo("{\"msgtype\":\"file\",\"file\":{\"media_id\":\"MEDIA2\"}}");
    }

    @Test
    void contactsWeComRefusesUpFrontAreNotFriends() {
        addAnswer = "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[\"wmGone\"],\"msgid\":\"msgX\"}";
        var sent = channel.massSend(new WeComChannel.MassMessage("li.lei", List.of(recipient("c1", "wmGone"),
                recipient("c2", "wmA")), "hi", List.of()));
        assertThat(sent.statuses()).isEqualTo(Map.of("c1", DeliveryStatus.NOT_A_FRIEND, "c2", DeliveryStatus.PENDING));
    }

    @Test
    void aBatchWithoutAnyWeComContactCallsNobody() {
        var sent = channel.massSend(new WeComChannel.MassMessage("li.lei", List.of(recipient("c1", null)), "hi",
                List.of()));
        assertThat(sent).isEqualTo(new WeComChannel.MassSend(null, Map.of("c1", DeliveryStatus.NO_CONTACT)));
        assertThat(received).isEmpty();
    }

    @Test
    void sendResultsAreReadAcrossPagesAndMappedOntoOurStatuses() {
        assertThat(channel.results("msgGAAAA", "li.lei")).isEqualTo(Map.of("wmA", DeliveryStatus.SENT,
                "wmB", DeliveryStatus.PENDING, "wmC", DeliveryStatus.NOT_A_FRIEND, "wmD", DeliveryStatus.BLOCKED_BY_QUOTA));
        var secondPage = bodies.stream().filter(b -> b.path("cursor").asText().equals("CURSOR2")).findFirst().orElseThrow();
        assertThat(secondPage.get("msgid").asText()).isEqualTo("msgGAAAA");
        assertThat(secondPage.get("userid").asText()).isEqualTo("li.lei");
    }

    @Test
    void whetherTheRepConfirmedIsReadFromTheTaskAndAReminderGoesByMsgId() {
        assertThat(channel.confirmed("msgGAAAA", "li.lei")).isFalse();
        taskStatus = 2;
        assertThat(channel.confirmed("msgGAAAA", "li.lei")).isTrue();
        channel.remind("msgGAAAA");
        var remind = bodies.get(bodies.size() - 1);
        assertThat(remind.toString()).isEqualTo("{\"msgid\":\"msgGAAAA\"}");
    }

    @Test
    void anErrorFromWeComReachesTheCallerSoTheJobRetries() {
        addAnswer = "{\"errcode\":41048,\"errmsg\":\"no available external contact\"}";
        assertThatThrownBy(() -> channel.massSend(new WeComChannel.MassMessage("li.lei", List.of(recipient("c1", "wmA")),
                "hi", List.of())))
                .isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(41048))
                .hasMessageContaining("add_msg_template");
    }

    @Test
    void aLostAnswerIsNeverSentAgainButReportedAsUnknown() {
        addAnswer = null;
        assertThatThrownBy(() -> channel.massSend(new WeComChannel.MassMessage("li.lei", List.of(recipient("c1", "wmA")),
                "hi", List.of()))).isInstanceOf(WeComClient.OutcomeUnknown.class);
        assertThat(received.stream().filter(r -> r.getRequestUrl().encodedPath()
                .equals(MsgTemplateChannel.ADD_MSG_TEMPLATE))).as("WeCom may have created the task: no second call")
                .hasSize(1);
    }

    private static WeComChannel.Recipient recipient(String customerId, String externalUserId) {
        return new WeComChannel.Recipient(customerId, externalUserId);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
