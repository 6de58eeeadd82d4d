package io.nurtureflow.capture;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Mapper
interface ChannelMapper {

    void insert(@Param("row") ChannelRow row);

    void update(@Param("row") ChannelRow row);

    void setEnabled(@Param("id") long id, @Param("enabled") boolean enabled);

    void setLogo(@Param("id") long id, @Param("logo") byte[] logo);

    Optional<Logo> logo(long id);

    void setWeComContactWay(@Param("id") long id, @Param("configId") String configId, @Param("users") String users);

    /** Where WeCom hosts the picture of the channel's contact way code. */
    void setWeComQrCode(@Param("id") long id, @Param("qrCode") String qrCode);

    Optional<String> weComQrCode(long id);

    void deleteStaff(long channelId);

    void insertStaff(@Param("channelId") long channelId, @Param("member") StaffMember member,
                     @Param("position") int position);

    void insertSlot(@Param("channelId") long channelId, @Param("rep") String rep, @Param("slot") Schedule.Slot slot);

    void deleteSlots(long channelId);

    void deleteTags(long channelId);

    void insertTag(@Param("channelId") long channelId, @Param("tag") String tag);

    void deleteWelcomeSlots(long channelId);

    void insertWelcomeSlot(@Param("channelId") long channelId, @Param("position") int position,
                           @Param("slot") Welcome.StoredSlot slot);

    List<Welcome.StoredSlot> welcomeSlots(long channelId);

    Optional<Channel> find(long id);

    Optional<Channel> findByCode(String code);

    List<Channel> enabledChannels();

    /** Takes the channel's row lock: concurrent scans of one channel are routed one after the other. */
    Long lock(long id);

    List<String> staff(long channelId);

    /** The pool with today's assignment counts, in pool order. */
    List<Staffing> staffing(@Param("channelId") long channelId, @Param("day") LocalDate day);

    List<RepSlot> slots(long channelId);

    int incrementAssignment(@Param("channelId") long channelId, @Param("rep") String rep, @Param("day") LocalDate day);

    void insertAssignment(@Param("channelId") long channelId, @Param("rep") String rep, @Param("day") LocalDate day);

    List<String> tags(long channelId);

    void insertScan(@Param("row") ScanRow row);

    Optional<ScanRow> findScan(long id);

    Optional<String> lastRepOf(@Param("channelId") long channelId, @Param("visitor") String visitor);

    record Logo(byte[] image) {
    }

    record RepSlot(String rep, Integer weekday, LocalDate dateFrom, LocalDate dateTo, Integer startMinute,
                   Integer endMinute) {

        Schedule.Slot slot() {
            return new Schedule.Slot(weekday, dateFrom, dateTo, startMinute, endMinute);
        }
    }

    final class ChannelRow {
        public Long id;
        public String code;
        public String name;
        public NewChannel.Routing routing;
        public Instant expiresAt;
        public String welcomeText;
        public String welcomeLinkTitle;
        public String welcomeLinkUrl;
        public String welcomeImageUrl;
        public String lifecycleFlow;
        public String createdBy;
        public Instant createdAt;
    }

    /** A pool member with what routing needs about today; online is the rep's own switch (staff_profile). */
    record Staffing(String rep, int position, int weight, Integer dailyCap, boolean backup, boolean online,
                    int assignedToday) {

        boolean capped() {
            return dailyCap != null && assignedToday >= dailyCap;
        }
    }

    final class ScanRow {
        public Long id;
        public long channelId;
        public Instant scannedAt;
        public String ipHash;
        public String userAgent;
        public String assignedRep;
        public String visitor;
        public String ref;
    }
}
