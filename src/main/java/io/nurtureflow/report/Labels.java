package io.nurtureflow.report;

import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.sop.ShiftReason;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.function.UnaryOperator;

/** What a report's row keys and steps read as, in Chinese, for the page and the CSV. */
@Component
class Labels {

    private final ReportMapper reports;
    private final UserDirectory users;

    Labels(ReportMapper reports, UserDirectory users) {
        this.reports = reports;
        this.users = users;
    }

    static String of(FunnelStep step) {
        return switch (step) {
            case SCANNED -> "扫码";
            case LEAD -> "留资线索";
            case WECOM_ADDED -> "添加企微";
            case FIRST_CONTACT -> "首次联系";
            case ENGAGED -> "产生互动";
            case CONVERTED -> "成交";
            case SILENT -> "沉默";
            case DORMANT -> "休眠";
            case OPTED_OUT -> "退订";
            case CHURNED -> "删除好友";
        };
    }

    static String of(ShiftReason reason) {
        return switch (reason) {
            case PLANNED_MOMENT_PASSED -> "计划时间已过";
            case QUIET_HOURS -> "免打扰时段";
            case OUTSIDE_SEND_WINDOWS -> "不在发送时段";
            case HOLIDAY -> "节假日";
            case CAP_PER_DAY -> "每日频次上限";
            case CAP_PER_WEEK -> "每周频次上限";
            case CAP_DAYS_PER_MONTH -> "每月发送天数上限";
            case WECOM_QUOTA_PER_DAY -> "企微每日群发额度";
            case WECOM_QUOTA_PER_MONTH -> "企微每月群发额度";
        };
    }

    /** A function from the row keys of one report to their labels (channel and rep names read once per report). */
    UnaryOperator<String> of(Breakdown by, Collection<String> keys) {
        return switch (by) {
            case ALL -> key -> "全部";
            case CHANNEL -> {
                var names = new HashMap<String, String>();
                reports.channels().forEach(c -> names.put(String.valueOf(c.id()), c.name()));
                yield key -> names.getOrDefault(key, "（无渠道）");
            }
            case REF -> key -> key.isEmpty() ? "（无邀请人）" : key;
            case REP -> {
                var names = users.displayNames(keys);
                yield key -> key.isEmpty() ? "（未分配）" : names.getOrDefault(key, key) + "（" + key + "）";
            }
            case TEAM -> key -> key.isEmpty() ? "（无团队）" : key;
            case DAY -> key -> key;
        };
    }
}
