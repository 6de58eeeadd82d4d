package io.nurtureflow.events;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@Mapper
interface EventMapper {

    int insert(@Param("row") EventRow row);

    List<StoredEvent> pending(@Param("limit") int limit);

    int markHandled(@Param("id") long id, @Param("status") String status, @Param("reason") String reason,
                     @Param("at") Instant at);

    List<EventRow> parkedFor(@Param("refs") Collection<String> refs);

    List<EventRow> parked(@Param("limit") int limit);

    int attach(@Param("id") long id, @Param("customerId") String customerId, @Param("status") String status);

    void setSignal(@Param("id") long id, @Param("signal") Signal signal, @Param("status") String status);

    final class EventRow {
        public Long id;
        public String eventId;
        public String customerId;
        public String customerRef;
        public EventType type;
        public Instant occurredAt;
        public Instant receivedAt;
        public String payload;
        public Signal signalName;
        public String status;
    }
}
