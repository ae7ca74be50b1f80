package dev.tasklane.server.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One JSON object per log line, for every logger of the server: {@code ts}, {@code level},
 * {@code logger}, {@code msg}, and an {@code error} with the stack trace when there is one. A
 * record whose single parameter is a {@code Map} (the access log) has those fields at the top
 * level. The JSON encoder escapes every control character, so text that came from a request (a
 * path with {@code %0d%0a}) can never start a forged log line.
 */
public final class JsonLogFormatter extends Formatter {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            line.put("msg", record.getMessage());
            fields.forEach((key, value) -> line.put(String.valueOf(key), value));
        } else {
            line.put("msg", formatMessage(record));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("error", trace.toString());
        }
        try {
            return mapper.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"SEVERE\",\"msg\":\"unloggable record\"}" + System.lineSeparator();
        }
    }

    /** Puts this formatter on every handler of the root logger (the server's and the stack's mains). */
    public static void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
    }
}
