package io.nurtureflow.wecom;

import java.time.Instant;
import java.util.List;

/**
 * What WeCom knows of one external contact (外部联系人) and of the corp users who have added them. {@code unionid}
 * is present only when the corp has a verified WeChat open platform binding and the contact is a WeChat user
 * ({@code type} 1); {@code follows} may be a subset when the contact follows many users.
 */
public record WeComContact(String externalUserId, String name, String unionid, ContactType type, String corpName,
                           List<Follow> follows) {

    public WeComContact {
        follows = follows == null ? List.of() : List.copyOf(follows);
    }

    /** The phone numbers the given user noted on this contact (free text, as typed). */
    public List<String> remarkMobilesOf(String userId) {
        return follows.stream().filter(follow -> follow.userId() != null && follow.userId().equals(userId))
                .flatMap(follow -> follow.remarkMobiles().stream()).toList();
    }

    /** WeCom's {@code type}: a WeChat user, or a WeCom user of another corp. */
    public enum ContactType {
        WECHAT, WECOM, UNKNOWN;

        static ContactType of(int type) {
            return switch (type) {
                case 1 -> WECHAT;
                case 2 -> WECOM;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * One corp user's side of the relation: the remark and phone numbers the rep noted, and the {@code state} of
     * the 「联系我」 the customer added them through (absent for adds by search, card or group).
     */
    public record Follow(String userId, String remark, List<String> remarkMobiles, String state, Instant addedAt) {

        public Follow {
            remarkMobiles = remarkMobiles == null ? List.of() : List.copyOf(remarkMobiles);
        }
    }
}
