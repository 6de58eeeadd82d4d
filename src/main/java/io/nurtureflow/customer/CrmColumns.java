package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which CSV column holds which field. Common headers of Chinese CRM exports are recognized by themselves
 * (手机号, 姓名, 负责人, 订单号 ...); anything else is mapped by the caller, e.g. {@code map.phone=联系电话}.
 */
final class CrmColumns {

    enum Field {
        CRM_ID("crmid", "crm_id", "客户编号", "客户id", "客户ID"),
        NAME("name", "姓名", "客户名称", "联系人"),
        PHONE("phone", "mobile", "手机", "手机号", "手机号码", "电话"),
        EMAIL("email", "邮箱", "电子邮箱"),
        OWNER("owner", "负责人", "所属销售", "归属顾问"),
        ORDER_REF("orderref", "order_ref", "订单号", "订单编号"),
        PRODUCT("product", "商品", "课程", "购买课程"),
        AMOUNT("amount", "金额", "订单金额", "实付金额"),
        PURCHASED_AT("purchasedat", "purchased_at", "购买时间", "下单时间", "成交日期");

        private final List<String> headers;

        Field(String... headers) {
            this.headers = List.of(headers);
        }

        static Optional<Field> named(String name) {
            for (Field field : values()) {
                if (field.name().replace("_", "").equalsIgnoreCase(name.replace("_", ""))) {
                    return Optional.of(field);
                }
            }
            return Optional.empty();
        }
    }

    private final Map<Field, Integer> positions;

    private CrmColumns(Map<Field, Integer> positions) {
        this.positions = positions;
    }

    /**
     * @param header  the file's first record
     * @param mapping field name (phone, name, owner, ...) → header text, overriding the recognized headers
     */
    static CrmColumns of(List<String> header, Map<String, String> mapping) {
        var positions = new EnumMap<Field, Integer>(Field.class);
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i).strip();
            for (Field field : Field.values()) {
                if (field.headers.stream().anyMatch(known -> known.equalsIgnoreCase(text))) {
                    positions.putIfAbsent(field, i);
                }
            }
        }
        mapping.forEach((fieldName, headerText) -> {
            var field = Field.named(fieldName).orElseThrow(() -> new BadInput("map." + fieldName,
                    "No field '" + fieldName + "'; fields are " + List.of(Field.values()).toString().toLowerCase(Locale.ROOT) + "."));
            int position = header.stream().map(String::strip).toList().indexOf(headerText.strip());
            if (position < 0) {
                throw new BadInput("map." + fieldName, "The file has no column '" + headerText + "'.");
            }
            positions.put(field, position);
        });
        if (!positions.containsKey(Field.PHONE) && !positions.containsKey(Field.CRM_ID)) {
            throw new BadInput("map.phone", "The file needs a phone or a CRM id column; map it, e.g. map.phone=联系电话.");
        }
        return new CrmColumns(positions);
    }

    /** The field's trimmed value in a record, or null when the column is absent or the cell empty. */
    String value(List<String> record, Field field) {
        Integer position = positions.get(field);
        if (position == null || position >= record.size()) {
            return null;
        }
        String value = record.get(position).strip();
        return value.isEmpty() ? null : value;
    }
}
