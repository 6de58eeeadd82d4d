package io.nurtureflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.CallbackEndpoint;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import io.nurtureflow.support.WeComStandIn;
import io.nurtureflow.tagging.WeComTagSync;
import io.nurtureflow.wecom.DeliveryStatus;
import io.nurtureflow.wecom.WeComChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reps' existing WeCom contacts and WeCom's later changes to them, with credentials configured: WeCom's API is
 * a local stand-in answering the documented JSON, and its callbacks are sealed, signed and posted to
 * /wecom/callback as WeCom's servers do.
 */
@ServiceTest
class WeComContactsTest {

    private static final String BY_USER = "/cgi-bin/externalcontact/batch/get_by_user";
    /** batch/get_by_user answers by (userid_list, cursor) */
    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();
    /** externalcontact/get answers by external_userid */
    private static final Map<String, String> PROFILES = new ConcurrentHashMap<>();
    private static final AtomicLong CREATE_TIMES = new AtomicLong(1_700_000_000L);

    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> WeComApi.json(switch (call.path()) {
        case BY_USER -> PAGES.getOrDefault(pageKey(call.body().get("userid_list").toString(),
                call.body().get("cursor").asText()), "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact_list\":[],"
                + "\"next_cursor\":\"\"}");
        case "/cgi-bin/externalcontact/get" -> PROFILES.getOrDefault(call.query().get("external_userid"),
                "{\"errcode\":84061,\"errmsg\":\"not external contact\"}");
        case "/cgi-bin/externalcontact/add_contact_way" -> "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-"
                + UUID.randomUUID() + "\"}";
        case "/cgi-bin/externalcontact/add_msg_template" -> "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],"
                + "\"msgid\":\"msg-1\"}";
        default -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }));

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
        // the tag sync sweeps when the test says so
        registry.add("nurture.tagging.sync-millis", () -> "86400000");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Clock clock;
    @Autowired
    Customers customers;
    @Autowired
    WeComChannel channel;
    @Autowired
    WeComTagSync tagSync;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
        WECOM.forget();
    }

    @Test
    void twoRepsContactsAreImportedPageByPageMatchedByPhoneAndUnionidAndASecondImportChangesNothing() {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        var known = known(a);
        String phone = known.phone();
        String byPhone = known.byPhone();
        String unionid = known.unionid();
        String byUnionid = known.byUnionid();
        String e1 = "wm" + unique();
        String e2 = "wm" + unique();
        String e3 = "wm" + unique();
        String users = userList(a, b);
        PAGES.put(pageKey(users, ""), page("P2",
                contact(e1, "甲", null, a, phone.substring(0, 3) + " " + phone.substring(3)) + "," + contact(e2, "新客户", null, a)));
        PAGES.put(pageKey(users, "P2"), page("",
                contact(e3, "乙", unionid, b, "not a phone") + "," + contact(e2, "新客户", null, b)));
        String stranger = "nobody-" + unique().substring(0, 8);

        var done = importAndWait(List.of(b, a, stranger));

        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(counts(done)).as("read, created, updated, unchanged, failed, pages")
                .containsExactly(4L, 1L, 3L, 0L, 1L, 2L);
        var calls = WECOM.calls(BY_USER);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).body().get("userid_list").toString()).as("only our reps, in one call").isEqualTo(users);
        assertThat(calls.get(1).body().get("cursor").asText()).isEqualTo("P2");
        var errors = api.get("/api/wecom/imports/" + done.get("id").asLong() + "/errors", ADMIN).json();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("rep").asText()).isEqualTo(stranger);
        assertThat(errors.get(0).get("message").asText()).contains("not one of our reps");

        assertThat(holder("EXTERNAL_USER_ID", e1)).as("matched by the rep's remark phone").isEqualTo(byPhone);
        assertThat(holder("EXTERNAL_USER_ID", e3)).as("matched by unionid").isEqualTo(byUnionid);
        String created = holder("EXTERNAL_USER_ID", e2);
        assertThat(created).isNotIn(byPhone, byUnionid);
        var profile = api.get("/api/customers/" + created, ADMIN).json();
        assertThat(profile.get("owner").asText()).as("the first rep listing it owns it").isEqualTo(a);
        assertThat(profile.get("name").asText()).isEqualTo("新客户");
        assertThat(profile.get("stage").asText()).isEqualTo("SILENT");
        assertThat(profile.get("wecomFollows").findValuesAsText("rep")).containsExactlyInAnyOrder(a, b);
        assertThat(db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class, created))
                .as("an existing contact is not pushed into the new-lead lifecycle").isNull();
        assertThat(db.queryForObject("select owner_rep from customer where id = ?", String.class, byPhone))
                .as("matching changes no owner").isNotEqualTo(b);

        int customersBefore = db.queryForObject("select count(*) from customer", Integer.class);
        int timelineBefore = db.queryForObject("select count(*) from timeline_entry", Integer.class);
        var again = importAndWait(List.of(a, b));
        assertThat(again.get("state").asText()).isEqualTo("DONE");
        assertThat(counts(again)).containsExactly(4L, 0L, 0L, 4L, 0L, 2L);
        assertThat(db.queryForObject("select count(*) from customer", Integer.class)).isEqualTo(customersBefore);
        assertThat(db.queryForObject("select count(*) from timeline_entry", Integer.class)).isEqualTo(timelineBefore);
    }

    @Test
    void anIdentityAnotherCustomerHoldsStaysWithThemAndIsToldOnceHoweverOftenTheContactIsImported() {
        String rep = api.newUser("rep", "REP");
        var known = known(rep);
        String phone = known.phone();
        String phoneHolder = known.byPhone();
        String unionid = known.unionid();
        String unionidHolder = known.byUnionid();
        String external = "wm" + unique();
        PAGES.put(pageKey(userList(rep), ""), page("", contact(external, "两边都像", unionid, rep, phone)));

        importAndWait(List.of(rep));
        importAndWait(List.of(rep));

        assertThat(holder("EXTERNAL_USER_ID", external)).as("unionid before phone").isEqualTo(unionidHolder);
        assertThat(holder("PHONE", "+86" + phone)).as("never taken from its holder").isEqualTo(phoneHolder);
        assertThat(db.queryForList("select summary from timeline_entry where customer_id = ? and kind = 'IDENTITY'",
                String.class, unionidHolder)).containsExactly("PHONE of " + rep + "'s WeCom contact stays with customer "
                + phoneHolder);
    }

    @Test
    void anImportWithoutRepsAsksWeComForEveryRepAndBadRepsAreRefused() {
        String rep = api.newUser("rep", "REP");

        var started = api.post("/api/wecom/imports", ADMIN, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("reps").isNull()).isTrue();
        assertThat(waitFor(started.json().get("id").asLong()).get("state").asText()).isEqualTo("DONE");
        assertThat(WECOM.calls(BY_USER)).as("every rep, ours included")
                .anyMatch(call -> call.body().get("userid_list").toString().contains("\"" + rep + "\""));

        var bad = api.post("/api/wecom/imports", ADMIN, Map.of("reps", List.of(" ")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("reps");
    }

    @Test
    void aWeComErrorMidWayFailsTheImportWithWhatItDidKeptAndTheNextImportFinishesWithoutDoubling() {
        String rep = api.newUser("rep", "REP");
        String first = "wm" + unique();
        String second = "wm" + unique();
        String users = userList(rep);
        PAGES.put(pageKey(users, ""), page("P2", contact(first, "第一页", null, rep)));
        PAGES.put(pageKey(users, "P2"), "{\"errcode\":60011,\"errmsg\":\"no privilege to access/modify contact\"}");

        var failed = importAndWait(List.of(rep));

        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("message").asText()).contains("60011");
        assertThat(failed.get("nextCursor").asText()).as("where it stopped").isEqualTo("P2");
        assertThat(counts(failed)).containsExactly(1L, 1L, 0L, 0L, 0L, 1L);
        String kept = holder("EXTERNAL_USER_ID", first);
        assertThat(kept).isNotNull();

        PAGES.put(pageKey(users, "P2"), page("", contact(second, "第二页", null, rep)));
        var done = importAndWait(List.of(rep));
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(counts(done)).containsExactly(2L, 1L, 0L, 1L, 0L, 2L);
        assertThat(holder("EXTERNAL_USER_ID", first)).isEqualTo(kept);
        assertThat(holder("EXTERNAL_USER_ID", second)).isNotNull();
    }

    @Test
    void anEditCallbackReadsTheContactAgainAndItsNewUnionidAndRemarkPhoneJoinTheCustomer() {
        String rep = api.newUser("rep", "REP");
        String external = "wm" + unique();
        String customer = imported(rep, external, null);
        String unionid = "ou" + unique();
        String phone = Leads.newPhone();
        PROFILES.put(external, "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + external
                + "\",\"name\":\"王妈妈\",\"type\":1,\"unionid\":\"" + unionid + "\"},\"follow_user\":[{\"userid\":\""
                + rep + "\",\"remark\":\"王妈妈\",\"createtime\":1700000000,\"remark_mobiles\":[\"" + phone
                + "\"]}]}");
        WECOM.forget();

        var answered = deliver("edit_external_contact", rep, external);

        assertThat(answered).isEqualTo("success");
        assertThat(WECOM.calls("/cgi-bin/externalcontact/get")).hasSize(1);
        assertThat(holder("UNIONID", unionid)).isEqualTo(customer);
        assertThat(holder("PHONE", "+86" + phone)).isEqualTo(customer);
        assertThat(db.queryForObject("select name from customer where id = ?", String.class, customer))
                .as("we had no name").isEqualTo("王妈妈");
        assertThat(eventTypes(customer)).contains("CONTACT_EDITED");
    }

    @Test
    void anEditWhoseReadFailsIsStillAnsweredAndRecordedAsBehaviour() {
        String rep = api.newUser("rep", "REP");
        String external = "wm" + unique();
        String customer = imported(rep, external, "张爸爸");
        PROFILES.remove(external);

        assertThat(deliver("edit_external_contact", rep, external)).isEqualTo("success");

        assertThat(eventTypes(customer)).contains("CONTACT_EDITED");
        assertThat(db.queryForObject("select count(*) from customer_identity where customer_id = ?", Integer.class,
                customer)).isEqualTo(1);
    }

    @Test
    void whenTheCustomerDeletesTheRepPushesFromThatRepHaveNoContactUntilTheyAddEachOtherAgain() {
        String rep = api.newUser("rep", "REP");
        String other = api.newUser("rep", "REP");
        String external = "wm" + unique();
        PAGES.put(pageKey(userList(rep, other), ""), page("", contact(external, "刘妈妈", null, rep) + ","
                + contact(external, "刘妈妈", null, other)));
        importAndWait(List.of(rep, other));
        String customer = holder("EXTERNAL_USER_ID", external);
        assertThat(push(rep, customer)).isEqualTo(DeliveryStatus.PENDING);

        assertThat(deliver("del_follow_user", rep, external)).isEqualTo("success");

        WECOM.forget();
        assertThat(push(rep, customer)).isEqualTo(DeliveryStatus.NO_CONTACT);
        assertThat(WECOM.calls("/cgi-bin/externalcontact/add_msg_template")).as("nothing to send").isEmpty();
        assertThat(push(other, customer)).as("the other rep still has them").isEqualTo(DeliveryStatus.PENDING);
        var profile = api.get("/api/customers/" + customer, ADMIN).json();
        var relation = relationOf(profile, rep);
        assertThat(relation.get("removedBy").asText()).isEqualTo("CUSTOMER");
        assertThat(relation.get("removedAt").isNull()).isFalse();
        assertThat(relationOf(profile, other).get("removedAt").isNull()).isTrue();
        assertThat(profile.get("timeline").findValuesAsText("summary"))
                .anyMatch(s -> s.contains("The customer deleted " + rep));
        assertThat(eventTypes(customer)).as("not churned: the other rep still has them").contains("FOLLOW_ENDED")
                .doesNotContain("CUSTOMER_DELETED_STAFF");

        deliverAdd(rep, external);
        assertThat(push(rep, customer)).as("added back").isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void whenTheRepDeletesTheCustomerTheRelationIsGoneAndSaysSo() {
        String rep = api.newUser("rep", "REP");
        String external = "wm" + unique();
        String customer = imported(rep, external, "赵爸爸");

        assertThat(deliver("del_external_contact", rep, external)).isEqualTo("success");

        assertThat(push(rep, customer)).isEqualTo(DeliveryStatus.NO_CONTACT);
        var profile = api.get("/api/customers/" + customer, ADMIN).json();
        assertThat(relationOf(profile, rep).get("removedBy").asText()).isEqualTo("REP");
        assertThat(profile.get("timeline").findValuesAsText("summary"))
                .anyMatch(s -> s.contains(rep + " deleted the customer in WeCom"));
        assertThat(eventTypes(customer)).contains("STAFF_DELETED_CUSTOMER");
    }

    @Test
    void aTagOfACustomerWhoseOwnerDeletedThemInWeComIsNotMarkedInWeCom() {
        String rep = api.newUser("rep", "REP");
        String external = "wm" + unique();
        String customer = imported(rep, external, "孙妈妈");
        String suffix = unique().substring(0, 8);
        String group = api.post("/api/tags/groups", ADMIN, Map.of("name", "班型" + suffix, "oneTagOnly", false)).json()
                .get("name").asText();
        String small = tag(group, "小班" + suffix);
        String big = tag(group, "大班" + suffix);

        tagAndSync(customer, small);
        assertThat(WECOM.calls("/cgi-bin/externalcontact/mark_tag")).extracting(call -> call.body().get("external_userid")
                .asText()).as("marked while they are contacts").containsExactly(external);

        deliver("del_external_contact", rep, external);
        tagAndSync(customer, big);

        assertThat(WECOM.calls("/cgi-bin/externalcontact/mark_tag")).as("no mark for a contact that is gone").isEmpty();
        assertThat(db.queryForList("select status from tag_sync where customer_id = ? order by id", String.class,
                customer)).containsExactly("SENT", "NO_CONTACT");
    }

    private String tag(String group, String name) {
        var defined = api.post("/api/tags", ADMIN, Map.of("name", name, "group", group, "wecomTagId", "et-" + name));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        return name;
    }

    private void tagAndSync(String customer, String tag) {
        WECOM.forget();
        assertThat(api.post("/api/customers/" + customer + "/tags", ADMIN, Map.of("tag", tag)).status()).isEqualTo(200);
        tagSync.sendPending();
    }

    /** What a send window's batch gets for this customer from this rep: the contact it resolves, sent as Batches does. */
    private DeliveryStatus push(String rep, String customerId) {
        var contacts = customers.weComContacts(List.of(customerId), rep);
        var sent = channel.massSend(new WeComChannel.MassMessage(rep, List.of(new WeComChannel.Recipient(customerId,
                contacts.get(customerId))), "本周课表", List.of()));
        return sent.statuses().get(customerId);
    }

    private String deliver(String changeType, String rep, String external) {
        return deliver(WeComStandIn.contactChange(changeType, rep, external, CREATE_TIMES.incrementAndGet()));
    }

    /** An add through a code we do not know (a search, a card): no lead, but the two are contacts again. */
    private void deliverAdd(String rep, String external) {
        long at = CREATE_TIMES.incrementAndGet();
        deliver(WeComStandIn.contactAdded(rep, external, "no-such-code", "WELCOME-" + at, at));
    }

    private String deliver(String message) {
        var answered = new CallbackEndpoint(port).deliver(message);
        assertThat(answered.statusCode()).isEqualTo(200);
        return answered.body();
    }

    /** One contact of one rep's, imported: its new customer. */
    private String imported(String rep, String external, String name) {
        PAGES.put(pageKey(userList(rep), ""), page("", contact(external, name, null, rep)));
        assertThat(importAndWait(List.of(rep)).get("customersCreated").asLong()).isEqualTo(1);
        return holder("EXTERNAL_USER_ID", external);
    }

    private JsonNode importAndWait(List<String> reps) {
        var started = api.post("/api/wecom/imports", ADMIN, Map.of("reps", reps));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return waitFor(started.json().get("id").asLong());
    }

    private JsonNode waitFor(long id) {
        for (int poll = 0; poll < 600; poll++) {
            var progress = api.get("/api/wecom/imports/" + id, ADMIN).json();
            if (!progress.get("state").asText().equals("RUNNING")) {
                return progress;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("WeCom import " + id + " did not finish");
    }

    /** Two customers we already know of the rep's: one by phone, one by unionid. */
    private Known known(String rep) {
        String channelCode = api.post("/api/channels", ADMIN, Map.of("name", "老客户", "staff", List.of(rep))).json()
                .get("code").asText();
        String phone = Leads.newPhone();
        String unionid = "ou" + unique();
        return new Known(phone, lead(Map.of("channelCode", channelCode, "phone", phone, "name", "老客户甲")), unionid,
                lead(Map.of("channelCode", channelCode, "unionid", unionid, "name", "老客户乙")));
    }

    private record Known(String phone, String byPhone, String unionid, String byUnionid) {
    }

    private String lead(Map<String, Object> lead) {
        var captured = api.post("/api/leads", ADMIN, lead);
        assertThat(captured.status()).as(captured.body()).isEqualTo(201);
        return captured.json().get("customerId").asText();
    }

    private String holder(String kind, String value) {
        var holders = db.queryForList("select customer_id from customer_identity where kind = ? and id_value = ?",
                String.class, kind, value);
        return holders.isEmpty() ? null : holders.get(0);
    }

    private List<String> eventTypes(String customerId) {
        return db.queryForList("select type from behaviour_event where customer_id = ?", String.class, customerId);
    }

    private static JsonNode relationOf(JsonNode profile, String rep) {
        for (var relation : profile.get("wecomFollows")) {
            if (relation.get("rep").asText().equals(rep)) {
                return relation;
            }
        }
        throw new AssertionError("no WeCom relation with " + rep + " in " + profile);
    }

    private static List<Long> counts(JsonNode progress) {
        var counts = new ArrayList<Long>();
        for (String field : List.of("contactsRead", "customersCreated", "customersUpdated", "customersUnchanged",
                "contactsFailed", "pages")) {
            counts.add(progress.get(field).asLong());
        }
        return counts;
    }

    private static String userList(String... reps) {
        return "[" + String.join(",", java.util.Arrays.stream(reps).sorted().map(r -> "\"" + r + "\"").toList()) + "]";
    }

    private static String pageKey(String userList, String cursor) {
        return userList + "|" + cursor;
    }

    private static String page(String nextCursor, String contacts) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact_list\":[" + contacts + "],\"next_cursor\":\""
                + nextCursor + "\"}";
    }

    /** One entry of get_by_user's external_contact_list, as document 92994 shows it. */
    private static String contact(String external, String name, String unionid, String rep, String... remarkMobiles) {
        return "{\"external_contact\":{\"external_userid\":\"" + external + "\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"") + ",\"type\":1"
                + (unionid == null ? "" : ",\"unionid\":\"" + unionid + "\"") + "},\"follow_info\":{\"userid\":\""
                + rep + "\",\"remark\":\"\",\"createtime\":1690000000,\"remark_mobiles\":["
                + String.join(",", java.util.Arrays.stream(remarkMobiles).map(m -> "\"" + m + "\"").toList())
                + "],\"add_way\":1}}";
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
