package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.system.TimeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static io.nurtureflow.capture.ChannelFixtures.member;
import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing of real scans through the running service and its database (H2, then MariaDB): caps, backups,
 * schedules, online/offline, departed reps, sticky reps, and the fair share under concurrent scans.
 */
@ServiceTest
class RoutingTest {

    private static final Pattern REP_NAME = Pattern.compile("id=\"rep-name\">([^<]*)<");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    /** ConcurrentHashMap takes no null key: scans nobody could take are counted under this one */
    private static final String NOBODY = "(nobody)";

    @LocalServerPort
    int port;
    @Autowired
    Scans scans;
    @Autowired
    Channels channels;
    @Autowired
    Clock clock;
    @Autowired
    TimeConfig config;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void concurrentScansNeverExceedACapAndOverflowToTheBackup() throws Exception {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        String backup = api.newUser("rep", "REP");
        var channel = channels.get(ChannelFixtures.withStaff(api, List.of(
                member(a, Map.of("dailyCap", 70)), member(b, Map.of("dailyCap", 90)),
                member(backup, Map.of("backup", true)))).get("id").asLong());

        var counts = scanConcurrently(channel, 400, 8);

        assertThat(counts.get(a)).isEqualTo(70);
        assertThat(counts.get(b)).isEqualTo(90);
        assertThat(counts.get(backup)).isEqualTo(240);
    }

    @Test
    void concurrentScansShareFairlyWithinOne() throws Exception {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        String c = api.newUser("rep", "REP");
        var roundRobin = channels.get(ChannelFixtures.withStaff(api, List.of(a, b, c)).get("id").asLong());
        var even = scanConcurrently(roundRobin, 601, 8);
        assertThat(even.values()).allSatisfy(n -> assertThat(n).isBetween(200, 201));

        var weighted = channels.get(ChannelFixtures.create(api, Map.of("routing", "WEIGHTED", "staff", List.of(
                member(a, Map.of("weight", 1)), member(b, Map.of("weight", 2)), member(c, Map.of("weight", 3)))))
                .get("id").asLong());
        var shares = scanConcurrently(weighted, 1_200, 8);
        assertThat(shares.get(a)).isBetween(199, 201);
        assertThat(shares.get(b)).isBetween(399, 401);
        assertThat(shares.get(c)).isBetween(599, 601);
    }

    @Test
    void randomPoolsNeverExceedACapAndTouchBackupsOnlyWhenEveryRegularIsFull() throws Exception {
        var random = new java.util.Random();
        for (int round = 0; round < 4; round++) {
            var caps = new HashMap<String, Integer>();
            var backups = new java.util.HashSet<String>();
            var staff = new ArrayList<Object>();
            int regulars = 2 + random.nextInt(4);
            for (int i = 0; i < regulars + random.nextInt(3); i++) {
                String rep = api.newUser("rep", "REP");
                var settings = new HashMap<String, Object>(Map.of("weight", 1 + random.nextInt(5)));
                if (random.nextInt(4) > 0) {
                    caps.put(rep, 5 + random.nextInt(60));
                    settings.put("dailyCap", caps.get(rep));
                }
                if (i >= regulars) {
                    backups.add(rep);
                    settings.put("backup", true);
                }
                staff.add(member(rep, settings));
            }
            var channel = channels.get(ChannelFixtures.create(api, Map.of("routing", "WEIGHTED", "staff", staff))
                    .get("id").asLong());
            int total = 300;

            var counts = scanConcurrently(channel, total, 8);

            String pool = "pool " + staff + " gave " + counts;
            caps.forEach((rep, cap) -> assertThat(counts.getOrDefault(rep, 0)).as(pool).isLessThanOrEqualTo(cap));
            boolean backupUsed = backups.stream().anyMatch(rep -> counts.containsKey(rep));
            if (backupUsed) {
                staff.stream().map(m -> (String) ((Map<?, ?>) m).get("rep")).filter(rep -> !backups.contains(rep))
                        .forEach(rep -> assertThat(counts.getOrDefault(rep, 0)).as(pool).isEqualTo(caps.get(rep)));
            }
            int unassigned = counts.getOrDefault(null, 0);
            if (unassigned > 0) {
                assertThat(caps.keySet()).as(pool + ": nobody uncapped may be left idle").hasSize(staff.size());
                caps.forEach((rep, cap) -> assertThat(counts.getOrDefault(rep, 0)).as(pool).isEqualTo(cap));
            }
        }
    }

    @Test
    void offlineOffDutyAndDepartedRepsAreSkipped() {
        String offline = api.newUser("rep", "REP");
        String offDuty = api.newUser("rep", "REP");
        String departed = api.newUser("rep", "REP");
        String working = api.newUser("rep", "REP");
        var today = LocalDateTime.ofInstant(clock.instant(), config.timeZone()).toLocalDate();
        int otherWeekday = today.getDayOfWeek().plus(1).getValue();
        var channel = ChannelFixtures.withStaff(api, List.of(
                offline,
                member(offDuty, Map.of("hours", List.of(Map.of("days", List.of(otherWeekday), "from", "00:00", "to", "00:00")))),
                departed,
                member(working, Map.of("specialDates", List.of(Map.of("from", today.toString(), "to", today.toString(),
                        "hours", List.of(Map.of("from", "00:00", "to", "00:00"))))))));
        assertThat(api.put("/api/staff/" + offline + "/online", offline, Map.of("online", false)).status()).isEqualTo(200);
        assertThat(api.delete("/engine-rest/group/sales-reps/members/" + departed, ADMIN).status()).isEqualTo(204);

        String code = channel.get("code").asText();
        for (int i = 0; i < 6; i++) {
            assertThat(repShown(api.get("/q/" + code, null).body())).isEqualTo(displayName(working));
        }

        assertThat(api.put("/api/staff/" + offline + "/online", offline, Map.of("online", true)).status()).isEqualTo(200);
        var shown = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            shown.add(repShown(api.get("/q/" + code, null).body()));
        }
        assertThat(shown).as("back online, the rep takes turns again (and catches up first)").contains(displayName(offline));
    }

    @Test
    void aRepMayNotSwitchAnotherRepOffline() {
        String rep = api.newUser("rep", "REP");
        String other = api.newUser("rep", "REP");
        assertThat(api.put("/api/staff/" + other + "/online", rep, Map.of("online", false)).status()).isEqualTo(403);
        assertThat(api.put("/api/staff/" + rep + "/online", rep, Map.of()).json().get("field").asText()).isEqualTo("online");
    }

    @Test
    void theSameScannerSeesTheSameRepAgain() throws Exception {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        String code = ChannelFixtures.withStaff(api, List.of(a, b)).get("code").asText();
        var browser = browser();
        String first = repShown(page(browser, code));
        for (int i = 0; i < 5; i++) {
            api.get("/q/" + code, null); // other scanners move the rotation on
            assertThat(repShown(page(browser, code))).isEqualTo(first);
        }
        var stranger = browser();
        var strangers = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            strangers.add(repShown(page(stranger, code)));
        }
        assertThat(strangers).as("a sticky scanner does not hold the rotation back").containsOnly(strangers.get(0));
    }

    @Test
    void aStickyRepWhoLeftIsReplaced() throws Exception {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        String code = ChannelFixtures.withStaff(api, List.of(a, b)).get("code").asText();
        var browser = browser();
        assertThat(repShown(page(browser, code))).isEqualTo(displayName(a));
        api.delete("/engine-rest/group/sales-reps/members/" + a, ADMIN);
        assertThat(repShown(page(browser, code))).isEqualTo(displayName(b));
    }

    private Map<String, Integer> scanConcurrently(Channel channel, int total, int threads) throws Exception {
        var counts = new ConcurrentHashMap<String, Integer>();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < total; i++) {
                // every scan from its own address: this test is about routing, not the flood limit
                String address = "10.9." + (ADDRESSES.get() / 250 % 250) + "." + (ADDRESSES.getAndIncrement() % 250);
                futures.add(pool.submit(() -> {
                    var scan = scans.record(channel, address, "JUnit", null, false, null);
                    counts.merge(scan.assignedRep() == null ? NOBODY : scan.assignedRep(), 1, Integer::sum);
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        var answer = new HashMap<String, Integer>(counts);
        Integer nobody = answer.remove(NOBODY);
        if (nobody != null) {
            answer.put(null, nobody);
        }
        return answer;
    }

    /** A phone's browser: it keeps the cookies the landing page sets. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private String page(HttpClient browser, String code) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/" + code)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String repShown(String page) {
        var matcher = REP_NAME.matcher(page);
        assertThat(matcher.find()).as("a rep is shown on:\n" + page).isTrue();
        return matcher.group(1);
    }

    private static String displayName(String rep) {
        return "顾问" + rep.substring(rep.length() - 4);
    }
}
