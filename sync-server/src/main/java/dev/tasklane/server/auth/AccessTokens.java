package dev.tasklane.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: HS256 JWTs (nimbus-jose-jwt) with the user as subject and the device
 * as a claim. The signing key comes from {@code TASKLANE_JWT_SECRET} (at least 32 bytes, never one
 * published in the repository; see {@link JwtSecrets}).
 */
public final class AccessTokens {

    private static final String ISSUER = "tasklane";
    /** Tolerated clock difference between replicas that issue and check tokens. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final byte[] secret;
    private final Duration lifetime;
    private final InstantSource clock;

    public AccessTokens(byte[] secret, Duration lifetime, InstantSource clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret must be at least 32 bytes");
        }
        this.secret = secret.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(UUID userId, UUID deviceId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("dev", deviceId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /**
     * The user of a valid, unexpired token; empty for anything else (never throws on bad input).
     * The lifetime is enforced here, not trusted from the token: a token whose {@code exp} lies
     * further ahead than this server would ever issue (or that lacks {@code iat}) is refused,
     * so even a token signed with a leaked key cannot be made to last for years.
     */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null || claims.getIssueTime() == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            if (!expires.isAfter(now) || issued.isAfter(now.plus(SKEW))
                    || expires.isAfter(issued.plus(lifetime).plus(SKEW)) || expires.isAfter(now.plus(lifetime).plus(SKEW))) {
                return Optional.empty();
            }
            return Optional.of(new AuthenticatedUser(UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("dev")), expires));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
