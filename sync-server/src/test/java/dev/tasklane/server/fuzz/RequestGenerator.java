package dev.tasklane.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.server.Routes;
import dev.tasklane.server.testing.RawHttp;
import dev.tasklane.server.testing.SyncBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes hostile HTTP requests from a seed: structure-aware mutations of valid bodies for every
 * endpoint (wrong types, huge and negative numbers, deep nesting, NUL/control/emoji/RTL text,
 * invalid zones and RRULEs), broken JSON, odd methods, headers and chunking, and every kind of
 * bad or foreign token. The same seed gives the same requests.
 */
final class RequestGenerator {

    /** One request, and whether it may only be answered with a rejection (4xx). */
    record FuzzRequest(String label, byte[] raw, boolean mustBeRejected, boolean opensStream) {
    }

    /** What the fuzzer knows about its two users. */
    record Users(String attackerToken, List<UUID> attackerTasks, String victimToken, List<UUID> victimTasks, String foreignToken) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRINGS = {
            "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f", "\r\n", "line\nbreak", "\t", "\uD83D", "\uDE00x", "\uD83D\uDE80 rocket",
            "שלום עולם", "\u202Eevil\u202C", "e\u0301", "\uFEFFbom", "Ω≈ç√", "'; DROP TABLE tasks; --", "${jndi:ldap://x}", "<script>",
            "%00", "%0d%0a", "../../etc/passwd", "null", "true", "1e309", "-0", "NaN", "x".repeat(501), "y".repeat(20_001),
            "2026-12-01", "2026-12-01T09:00[Europe/Berlin]", "2026-12-01T09:00[Mars/Phobos]", "2026-02-30", "2026-12-01T25:61",
            "9999-12-31T23:59[UTC]", "-999999999-01-01", "at:2026-12-01T09:00:00Z", "before:PT15M", "before:P400D", "before:-PT1M",
            "at:garbage", "FREQ=DAILY", "FREQ=SECONDLY", "FREQ=DAILY;COUNT=-1", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=1000000",
            "RRULE:FREQ=WEEKLY;BYDAY=XX", "FREQ=YEARLY;UNTIL=20250101", "none", "low", "medium", "high", "HIGH", "urgent",
            "0001732000000000-00000-node", "9999999999999999-99999-x", "bad-hlc", UUID.randomUUID().toString()};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND",
            "get", "BREW", "X".repeat(300), "G\u00c9T", ""};

    private final Random random;
    private final Users users;

    RequestGenerator(long seed, Users users) {
        this.random = new Random(seed);
        this.users = users;
    }

    FuzzRequest next() {
        int pick = random.nextInt(100);
        if (pick < 22) {
            return taskWrite();
        } else if (pick < 34) {
            return taskRead();
        } else if (pick < 52) {
            return sync();
        } else if (pick < 64) {
            return auth();
        } else if (pick < 68) {
            return events();
        } else if (pick < 80) {
            return brokenJson();
        } else if (pick < 92) {
            return protocol();
        }
        return crossUser();
    }

    // ---- endpoints ---------------------------------------------------------------------------

    private FuzzRequest taskWrite() {
        ObjectNode body = NODES.objectNode();
        body.put("title", "fuzz " + random.nextInt(1000));
        for (String field : List.of("notes", "priority", "tags", "due", "reminder", "recurrence")) {
            if (random.nextInt(3) == 0) {
                body.set(field, field.equals("tags") ? tags() : randomValue(0));
            }
        }
        JsonNode mutated = mutate(body, 1 + random.nextInt(3));
        boolean stillValid = random.nextInt(10) == 0; // sometimes send the valid body itself
        JsonNode sent = stillValid ? body : mutated;
        String token = tokenForFuzz();
        boolean own = token.equals(users.attackerToken());
        return switch (random.nextInt(4)) {
            case 0 -> json("POST", "/api/v1/tasks", token, sent, !own);
            case 1 -> json("PATCH", "/api/v1/tasks/" + taskId(), token, sent, !own);
            case 2 -> json("DELETE", "/api/v1/tasks/" + taskId(), token, null, !own);
            default -> json("POST", "/api/v1/tasks/" + taskId() + "/complete", token, null, !own);
        };
    }

    private FuzzRequest taskRead() {
        StringBuilder query = new StringBuilder();
        String[] names = {"completed", "tag", "priority", "dueFrom", "dueTo", "q", "sort", "limit", "offset", "unknown"};
        for (int i = 0; i < random.nextInt(4); i++) {
            query.append(i == 0 ? "?" : "&").append(names[random.nextInt(names.length)]).append('=')
                    .append(urlEncode(pickString()));
        }
        String path = random.nextBoolean() ? "/api/v1/tasks" + query : "/api/v1/tasks/" + taskId() + (random.nextInt(5) == 0 ? "/history" : "");
        return json("GET", path, tokenForFuzz(), null, false);
    }

    private FuzzRequest sync() {
        ObjectNode body;
        try {
            body = (ObjectNode) MAPPER.readTree(SyncBodies.createWithTitle(random.nextBoolean() ? UUID.randomUUID() : pickId(), "fuzz"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (random.nextInt(20) == 0) {
            ArrayNode many = body.withArray("mutations");
            JsonNode one = many.get(0);
            for (int i = 0; i < 600; i++) {
                many.add(one.deepCopy());
            }
        }
        JsonNode sent = random.nextInt(8) == 0 ? body : mutate(body, 1 + random.nextInt(4));
        return json("POST", "/api/v1/sync", tokenForFuzz(), sent, false);
    }

    private FuzzRequest auth() {
        String[] paths = {"/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"};
        String path = paths[random.nextInt(paths.length)];
        ObjectNode body = NODES.objectNode();
        switch (path) {
            case "/api/v1/auth/register" -> {
                body.put("email", "fuzz-" + random.nextInt(1_000_000) + "@example.test");
                body.put("password", random.nextBoolean() ? "short" : "x".repeat(201)); // never hashed: invalid length
            }
            case "/api/v1/auth/login" -> {
                body.put("email", "nobody-" + random.nextInt(1_000_000) + "@example.test");
                body.put("password", "wrong");
                body.put("deviceName", pickString());
            }
            default -> body.put("refreshToken", random.nextBoolean() ? UUID.randomUUID().toString() : pickString());
        }
        JsonNode sent = random.nextInt(5) == 0 ? body : mutate(body, 1 + random.nextInt(2));
        // A mutated registration may become valid (and a logout of an unknown token is a 204):
        // only login and refresh with made-up credentials can never succeed.
        boolean mustFail = path.endsWith("/login") || path.endsWith("/refresh");
        return json("POST", path, null, sent, mustFail);
    }

    private FuzzRequest events() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Last-Event-ID", pickString().replaceAll("[\\r\\n\\u0000]", ""));
        boolean valid = random.nextInt(3) == 0;
        String token = valid ? users.attackerToken() : badToken();
        headers.put("Authorization", "Bearer " + token);
        return new FuzzRequest("events", RawHttp.request("GET", "/api/v1/events", headers, null), !valid, valid);
    }

    private FuzzRequest brokenJson() {
        String[] paths = {"/api/v1/sync", "/api/v1/tasks", "/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/tasks/" + taskId()};
        String path = paths[random.nextInt(paths.length)];
        String method = path.startsWith("/api/v1/tasks/") ? "PATCH" : "POST";
        byte[] body = switch (random.nextInt(10)) {
            case 0 -> "{".getBytes(StandardCharsets.UTF_8);
            case 1 -> "[".repeat(5_000 + random.nextInt(100_000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'};
            case 4 -> "{\"title\":\"x\"} trailing".getBytes(StandardCharsets.UTF_8);
            case 5 -> "null".getBytes(StandardCharsets.UTF_8);
            case 6 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 7 -> randomBytes(1 + random.nextInt(2_000));
            case 8 -> "{\"title\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8);
            default -> ("{\"title\":" + "9".repeat(1 + random.nextInt(5_000)) + "}").getBytes(StandardCharsets.UTF_8);
        };
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + users.attackerToken());
        return new FuzzRequest("broken-json " + path, RawHttp.request(method, path, headers, body), true, false);
    }

    private FuzzRequest protocol() {
        List<Routes.Route> routes = Routes.ALL.stream().filter(r -> !r.template().equals("/api/v1/events")).toList();
        Routes.Route route = routes.get(random.nextInt(routes.size())); // streams are fuzzed in events()
        String path = route.template().replace("{id}", taskId());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tokenForFuzz());
        int kind = random.nextInt(12);
        String label = "protocol-" + kind;
        byte[] raw = switch (kind) {
            case 0 -> RawHttp.request(METHODS[random.nextInt(METHODS.length)], path, headers, null);
            case 1 -> {
                headers.put("Content-Type", pickContentType());
                yield RawHttp.request("POST", path, headers, "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> chunked(path, headers, randomChunkHeader());
            case 3 -> {
                headers.put("X-Junk", "v".repeat(random.nextInt(20_000)));
                yield RawHttp.request("GET", path, headers, null);
            }
            case 4 -> RawHttp.request("GET", path + "/" + "p".repeat(random.nextInt(10_000)), headers, null);
            case 5 -> RawHttp.request("GET", path + "%00%2e%2e/%ff?x=%zz", headers, null);
            case 6 -> ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            case 7 -> ("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            case 8 -> ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            case 9 -> ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nBad Header Name: x\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            case 10 -> ("GET http://evil.example" + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            default -> ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}")
                    .getBytes(StandardCharsets.UTF_8);
        };
        // A well-formed request may succeed (a chunk extension is legal HTTP, and completing a
        // task ignores its body); the framing errors must be refused.
        boolean mayPass = kind <= 3 || kind == 7 || kind == 10;
        return new FuzzRequest(label, raw, !mayPass, false);
    }

    private FuzzRequest crossUser() {
        // The victim's tasks through the attacker's token: always "not found", never touched.
        UUID victimTask = users.victimTasks().get(random.nextInt(users.victimTasks().size()));
        ObjectNode body = NODES.objectNode().put("title", "stolen");
        return switch (random.nextInt(4)) {
            case 0 -> json("GET", "/api/v1/tasks/" + victimTask, users.attackerToken(), null, true);
            case 1 -> json("PATCH", "/api/v1/tasks/" + victimTask, users.attackerToken(), body, true);
            case 2 -> json("DELETE", "/api/v1/tasks/" + victimTask, users.attackerToken(), null, true);
            default -> json("POST", "/api/v1/tasks/" + victimTask + "/complete", users.attackerToken(), null, true);
        };
    }

    // ---- pieces ------------------------------------------------------------------------------

    private FuzzRequest json(String method, String path, String token, JsonNode body, boolean mustBeRejected) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            try {
                bytes = MAPPER.writeValueAsBytes(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return new FuzzRequest(method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}"), RawHttp.request(method, path, headers, bytes),
                mustBeRejected, false);
    }

    /** A token that is the attacker's (mostly), missing, broken, or foreign. */
    private String tokenForFuzz() {
        return random.nextInt(10) < 7 ? users.attackerToken() : badToken();
    }

    private String badToken() {
        String real = users.attackerToken();
        String[] parts = real.split("\\.");
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "not-a-jwt";
            case 2 -> base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
            case 3 -> parts[0] + "." + parts[1] + "." + base64("forged signature");
            case 4 -> users.foreignToken(); // signed with another secret
            case 5 -> real.substring(0, real.length() - 2) + "xx";
            default -> parts[0] + "." + base64("{\"sub\":\"" + UUID.randomUUID() + "\",\"exp\":9999999999,\"iss\":\"tasklane\"}") + "." + parts[2];
        };
    }

    private String taskId() {
        return switch (random.nextInt(6)) {
            case 0 -> "not-a-uuid";
            case 1 -> UUID.randomUUID().toString();
            case 2 -> "..%2F..%2Fadmin";
            default -> pickId().toString();
        };
    }

    private UUID pickId() {
        return users.attackerTasks().get(random.nextInt(users.attackerTasks().size()));
    }

    private JsonNode tags() {
        ArrayNode tags = NODES.arrayNode();
        int count = random.nextInt(10) == 0 ? 40 : random.nextInt(4);
        for (int i = 0; i < count; i++) {
            tags.add(random.nextBoolean() ? "tag" + i : pickString());
        }
        return tags;
    }

    private JsonNode mutate(JsonNode root, int times) {
        JsonNode result = root.deepCopy();
        for (int i = 0; i < times; i++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(result, objects);
            if (objects.isEmpty() || random.nextInt(15) == 0) {
                return random.nextBoolean() ? NODES.arrayNode().add(result) : randomValue(0);
            }
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            int action = random.nextInt(4);
            if (names.isEmpty() || action == 0) {
                target.set(random.nextBoolean() ? pickString() : "unknownField", randomValue(0));
            } else if (action == 1) {
                target.remove(names.get(random.nextInt(names.size())));
            } else {
                target.set(names.get(random.nextInt(names.size())), randomValue(0));
            }
        }
        return result;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        node.forEach(child -> collectObjects(child, out));
    }

    private JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, 42}[random.nextInt(6)]);
            case 3 -> NODES.numberNode(new double[] {0.5, -1e308, 1e308, Double.MIN_VALUE, 3.14159}[random.nextInt(5)]);
            case 4, 5 -> NODES.textNode(pickString());
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < random.nextInt(4); i++) {
                    array.add(randomValue(depth + 1));
                }
                yield array;
            }
            case 7 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < random.nextInt(4); i++) {
                    object.set(pickString(), randomValue(depth + 1));
                }
                yield object;
            }
            default -> {
                JsonNode nested = NODES.textNode("deep");
                for (int i = 0; i < 50 + random.nextInt(900); i++) {
                    nested = NODES.arrayNode().add(nested);
                }
                yield nested;
            }
        };
    }

    private String pickString() {
        return STRINGS[random.nextInt(STRINGS.length)];
    }

    private String pickContentType() {
        String[] types = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/problem+json",
                "multipart/form-data; boundary=x", "", "application/json;;;", "*/*", "application/jsonx"};
        return types[random.nextInt(types.length)];
    }

    private String randomChunkHeader() {
        String[] sizes = {"zz", "-1", "FFFFFFFFFFFFFFFFFFFF", "2;ext=1", "2 ;x", "0x2", "", "2\r\n{}\r\n1"};
        return sizes[random.nextInt(sizes.length)];
    }

    private static byte[] chunked(String path, Map<String, String> headers, String size) {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Transfer-Encoding: chunked\r\n\r\n").append(size).append("\r\n{}\r\n0\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String urlEncode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
