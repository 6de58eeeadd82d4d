package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading external contacts from a local stand-in answering with the JSON of WeCom's documentation. */
class ExternalContactsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    MockWebServer wecom;
    ExternalContacts contacts;
    final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        wecom = new MockWebServer();
        wecom.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                return switch (request.getRequestUrl().encodedPath()) {
                    case "/cgi-bin/gettoken" -> json("{\"errcode\":0,\"access_token\":\"TOKEN-1\",\"expires_in\":7200}");
                    case "/cgi-bin/externalcontact/get" -> get(request.getRequestUrl().queryParameter("external_userid"));
                    case "/cgi-bin/externalcontact/batch/get_by_user" -> byUser(request);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        wecom.start();
        String base = wecom.url("/").toString();
        var settings = new WeComSettings("ww-corp", "corp-secret", null, null, base.substring(0, base.length() - 1),
                Duration.ofSeconds(3), 2, null, null);
        contacts = new ExternalContacts(new WeComClient(settings, JSON, Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws IOException {
        wecom.shutdown();
    }

    @Test
    void aContactComesWithItsUnionidAndEveryUserFollowingIt() {
        var contact = contacts.get("wmParent1");

        assertThat(contact.externalUserId()).isEqualTo("wmParent1");
        assertThat(contact.name()).isEqualTo("王妈妈");
        assertThat(contact.unionid()).isEqualTo("ozynqsulJFCZ2z1aYeS8h-nuasdAAA");
        assertThat(contact.type()).isEqualTo(WeComContact.ContactType.WECHAT);
        assertThat(contact.follows()).containsExactly(
                new WeComContact.Follow("li.lei", "王同学妈妈", List.of("13812345678"), "L7Xk2", Instant.ofEpochSecond(1700000000)),
                new WeComContact.Follow("han.mei", null, List.of(), null, Instant.ofEpochSecond(1700000500)));
        assertThat(received.get(received.size() - 1).getRequestUrl().queryParameter("access_token")).isEqualTo("TOKEN-1");
    }

    @Test
    void anUnknownContactIsWeComsErrorForTheCallerToHandle() {
        assertThatThrownBy(() -> contacts.get("wmGone"))
                .isInstanceOfSatisfying(WeComException.class, e -> assertThat(e.errcode()).isEqualTo(ExternalContacts.NOT_A_CONTACT));
    }

    @Test
    void theContactsOfSeveralUsersArriveAPageAtATimeUntilTheCursorRunsOut() {
        var all = new ArrayList<WeComContact>();
        String cursor = null;
        int pages = 0;
        do {
            var page = contacts.byUsers(List.of("li.lei", "han.mei"), cursor);
            all.addAll(page.contacts());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(2);
        assertThat(all).extracting(WeComContact::externalUserId).containsExactly("wmA", "wmB", "wmA");
        assertThat(all.get(2).follows()).extracting(WeComContact.Follow::userId).containsExactly("han.mei");
        assertThat(all.get(1).unionid()).isNull();
        assertThat(all.get(1).type()).isEqualTo(WeComContact.ContactType.WECOM);
        assertThat(bodies.get(0).get("userid_list").toString()).isEqualTo("[\"li.lei\",\"han.mei\"]");
        assertThat(bodies.get(0).get("cursor").asText()).isEmpty();
        assertThat(bodies.get(0).get("limit").asInt()).isEqualTo(ExternalContacts.MAX_PAGE);
        assertThat(bodies.get(1).get("cursor").asText()).isEqualTo("PAGE2");
    }

    @Test
    void moreUsersThanWeComTakesInOneCallAreRefusedBeforeAnyCall() {
        var users = new ArrayList<String>();
        for (int i = 0; i <= ExternalContacts.MAX_USERS_PER_CALL; i++) {
            users.add("rep" + i);
        }
        assertThatThrownBy(() -> contacts.byUsers(users, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(received).isEmpty();
    }

    private static MockResponse get(String externalUserId) {
        if (!"wmParent1".equals(externalUserId)) {
            return json("{\"errcode\":84061,\"errmsg\":\"not external contact\"}");
        }
        return json("""
                {"errcode":0,"errmsg":"ok",
                 "external_contact":{"external_userid":"wmParent1","name":"王妈妈","avatar":"http://p.qlogo.cn/a",
                   "type":1,"gender":2,"unionid":"ozynqsulJFCZ2z1aYeS8h-nuasdAAA"},
                 "follow_user":[
                   {"userid":"li.lei","remark":"王同学妈妈","description":"","createtime":1700000000,
                    "tags":[],"remark_corp_name":"","remark_mobiles":["13812345678"],"oper_userid":"li.lei",
                    "add_way":1,"state":"L7Xk2"},
                   {"userid":"han.mei","remark":"","description":"","createtime":1700000500,"tags":[],
                    "remark_mobiles":[],"oper_userid":"wmParent1","add_way":3}],
                 "next_cursor":""}""");
    }

    private MockResponse byUser(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        bodies.add(body);
        if (body.path("cursor").asText().isEmpty()) {
            return json("""
                    {"errcode":0,"errmsg":"ok","next_cursor":"PAGE2","external_contact_list":[
                      {"external_contact":{"external_userid":"wmA","name":"李爸爸","type":1,"unionid":"oU-A"},
                       "follow_info":{"userid":"li.lei","remark":"","createtime":1690000000,"tag_id":[],
                         "remark_mobiles":[],"add_way":1,"state":""}},
                      {"external_contact":{"external_userid":"wmB","name":"张老师","type":2,"corp_name":"某某学校"},
                       "follow_info":{"userid":"li.lei","createtime":1690000100,"add_way":0}}]}""");
        }
        return json("""
                {"errcode":0,"errmsg":"ok","next_cursor":"","external_contact_list":[
                  {"external_contact":{"external_userid":"wmA","name":"李爸爸","type":1,"unionid":"oU-A"},
                   "follow_info":{"userid":"han.mei","createtime":1690000200,"add_way":1}}]}""");
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
