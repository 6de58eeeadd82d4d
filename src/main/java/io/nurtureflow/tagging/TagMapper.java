package io.nurtureflow.tagging;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Collection;

@Mapper
interface TagMapper {

    List<String> tagsOf(String customerId);

    List<OwnedTag> tagsOfAll(@Param("customerIds") Collection<String> customerIds);

    record OwnedTag(String customerId, String tag) {
    }

    /** The customer's tags with their group, newest first. */
    List<CustomerTag> customerTags(String customerId);

    void insert(@Param("customerId") String customerId, @Param("tag") String tag, @Param("source") String source,
                @Param("at") Instant at);

    int delete(@Param("customerId") String customerId, @Param("tag") String tag);

    Optional<TagDefinition> definition(String name);

    List<TagDefinition> definitions();

    void insertDefinition(@Param("name") String name, @Param("group") String group, @Param("wecomTagId") String wecomTagId,
                          @Param("at") Instant at);

    Optional<TagGroup> group(String name);

    List<TagGroup> groups();

    void insertGroup(@Param("name") String name, @Param("oneTagOnly") boolean oneTagOnly, @Param("at") Instant at);

    List<BehaviourRule> behaviourRules(String eventType);

    ObservedEvent observedEvent(long inboxId);

    record BehaviourRule(String eventType, String payloadText, String tag) {
    }

    record ObservedEvent(String type, String payload) {
    }

    record CustomerTag(String tag, String groupName, boolean oneTagOnly, Instant addedAt) {
    }
}
