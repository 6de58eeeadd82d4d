package io.nurtureflow.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;

/**
 * Every instant a request carries is stored in a DATETIME column, which holds the years 1000 to 9999 on MariaDB (H2
 * holds more): an instant outside 1970 to 9999 is refused where the body is read, naming its field, instead of failing
 * the insert with a 500 on one database only.
 */
@Component
public class StoredInstants extends SimpleModule {

    private static final Instant EARLIEST = Instant.EPOCH;
    /** The last second a database DATETIME holds. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    StoredInstants() {
        super("StoredInstants");
        addDeserializer(Instant.class, new Bounded());
    }

    private static boolean fits(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static final class Bounded extends StdDeserializer<Instant> {

        Bounded() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (instant != null && !fits(instant)) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(),
                        "an instant must lie between %s and %s", EARLIEST, LATEST);
            }
            return instant;
        }
    }
}
