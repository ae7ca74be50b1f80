package dev.tasklane.consumers.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An entry's changed fields as the JSON array of strings the log stores, written directly: a few
 * short names per event, where a JSON library's writer set-up cost more than the writing.
 */
final class ChangedFields {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ChangedFields() {
    }

    static byte[] json(List<String> fields) {
        StringBuilder json = new StringBuilder(2 + fields.size() * 12).append('[');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(fields.get(i), json);
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string (RFC 8259 section 7): quote, backslash and control characters escaped, the rest as it is. */
    private static void quote(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
