import Crypto
import Foundation
import SafeCityCore
import Storage

/// People's accounts: password (scrypt) plus a TOTP code at every sign-in, sessions as HMAC-signed
/// tokens that expire and can be revoked, lock-out after repeated failures, and every outcome logged.
///
/// A session token is `scs_<id>_<MAC>`: the MAC (HMAC-SHA256 under a key derived from the field key)
/// turns forged tokens away without a database read (rotating the field key ends every session); the row says whether the session still stands.
public struct AccountService: Sendable {
    public let store: any AccountStore
    public let log: any EventLog
    public let clock: any WallClock
    private let vault: FieldVault
    private let macKey: SymmetricKey
    /// How long a session lasts (a shift and a half).
    public var sessionSeconds: Int64 = 12 * 3_600
    /// Failed sign-ins in a row that lock an account, and for how long.
    public var maxFailures = 5
    public var lockSeconds: Int64 = 15 * 60

    /// scrypt's cost (log2 N) for new passwords; hashes keep their own cost, so raising it later is safe.
    public let passwordCost: Int

    /// `passwordCost` below the default only for tests, where a debug build's scrypt would dominate the run.
    public init(store: any AccountStore, log: any EventLog, vault: FieldVault, clock: any WallClock = SystemClock(), passwordCost: Int = 15) {
        self.passwordCost = passwordCost
        self.store = store
        self.log = log
        self.clock = clock
        self.vault = vault
        macKey = SymmetricKey(data: vault.derivedSecret(label: "session-token-mac"))
    }

    /// A new account: its TOTP secret, shown once for the person's authenticator app.
    public struct Created: Sendable {
        public var username: String
        public var role: Role
        public var totpSecretBase32: String
        public var provisioningURI: String
    }

    /// Why a sign-in failed; the message never says which of username, password or code was wrong.
    public enum LoginError: Error, Equatable, CustomStringConvertible {
        case invalidCredentials
        case locked(until: Timestamp)

        public var description: String {
            switch self {
            case .invalidCredentials: "the username, password or one-time code is wrong"
            case let .locked(until): "too many failed sign-ins: the account is locked until \(until)"
            }
        }
    }

    /// Creates an account for a person (machines use API keys), recording `security.account.created`.
    public func create(username: String, role: Role, password: String, by actor: String) async throws -> Created {
        guard (3...64).contains(username.count), username.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }) else {
            throw ValidationError(field: "username", reason: "must be 3–64 lower-case letters, digits, '.', '_' or '-'")
        }
        guard role != .sensor, role != .public else {
            throw ValidationError(field: "role", reason: "accounts are for staff; devices and residents use API keys")
        }
        guard password.count >= PasswordHash.minimumLength else {
            throw ValidationError(field: "password", reason: "must be at least \(PasswordHash.minimumLength) characters")
        }
        guard try await store.account(username: username) == nil else {
            throw ValidationError(field: "username", reason: "\"\(username)\" is taken")
        }
        let secret = TOTP.randomSecret()
        let now = clock.now()
        try await store.insert(AccountRecord(username: username, role: role, passwordHash: try PasswordHash.make(password, logN: passwordCost).encoded,
                                             sealedTOTPSecret: try await vault.seal(Base32.encode(secret), kind: .accountSecret, at: now), createdAt: now, createdBy: actor))
        _ = try await log.append([NewEvent(type: SecurityEvents.accountCreated, source: "security", actor: actor, occurredAt: now,
                                           payload: try EventPayload(encoding: SecurityEvents.AccountEvent(username: username, role: role, reason: nil)))])
        return Created(username: username, role: role, totpSecretBase32: Base32.encode(secret),
                       provisioningURI: TOTP(secret: secret).provisioningURI(account: username))
    }

    /// Signs a person in with password and TOTP code; returns the session token (shown once) and its record.
    public func login(username: String, password: String, code: String) async throws -> (token: String, session: SessionRecord) {
        let now = clock.now()
        guard var account = try await store.account(username: username), account.disabledAt == nil else {
            // Spend the same time as a real check, so that timing does not tell which usernames exist.
            _ = PasswordHash(encoded: Self.decoy)?.matches(password)
            try await record(SecurityEvents.loginFailed, username: username, role: nil, reason: "unknown or disabled account", at: now)
            throw LoginError.invalidCredentials
        }
        if let until = account.lockedUntil, until > now {
            try await record(SecurityEvents.loginFailed, username: username, role: account.role, reason: "locked", at: now)
            throw LoginError.locked(until: until)
        }
        let passwordOK = PasswordHash(encoded: account.passwordHash)?.matches(password) ?? false
        let secret = (try? await vault.open(account.sealedTOTPSecret)).flatMap(Base32.decode)
        let step = secret.flatMap { TOTP(secret: $0).verify(code, at: now.millisecondsSince1970 / 1000, lastUsedStep: account.totpLastStep) }
        guard passwordOK, let step else {
            account.failedLogins += 1
            if account.failedLogins >= maxFailures {
                account.lockedUntil = now.adding(milliseconds: lockSeconds * 1000)
                account.failedLogins = 0
            }
            try await store.update(account)
            try await record(SecurityEvents.loginFailed, username: username, role: account.role, reason: passwordOK ? "one-time code" : "password", at: now)
            if let until = account.lockedUntil, until > now { throw LoginError.locked(until: until) }
            throw LoginError.invalidCredentials
        }
        account.failedLogins = 0
        account.lockedUntil = nil
        account.totpLastStep = step
        try await store.update(account)
        let id = Hex.encode(KeyService.randomBytes(12))
        let session = SessionRecord(id: id, username: username, role: account.role, createdAt: now, expiresAt: now.adding(milliseconds: sessionSeconds * 1000))
        try await store.insert(session)
        try await record(SecurityEvents.loginSucceeded, username: username, role: account.role, reason: nil, at: now)
        return ("scs_\(id)_\(mac(id))", session)
    }

    /// The identity of a session token, or nil when it is forged, expired, revoked or its account disabled.
    public func authenticate(_ token: String) async throws -> Identity? {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "scs", parts[1].count == 24,
              KeyService.constantTimeEqual(Array(mac(String(parts[1])).utf8), Array(parts[2].utf8)) else { return nil }
        guard let session = try await store.session(id: String(parts[1])), session.revokedAt == nil, session.expiresAt > clock.now() else { return nil }
        var identity = Identity(keyID: "session-\(session.id.prefix(8))", name: session.username, role: session.role)
        identity.isSession = true
        return identity
    }

    /// Ends the session of `token` (sign-out); false when it was not open.
    public func logout(_ token: String, by actor: String) async throws -> Bool {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let identity = try await authenticate(token) else { return false }
        let now = clock.now()
        guard try await store.revokeSession(id: String(parts[1]), at: now) else { return false }
        _ = try await log.append([NewEvent(type: SecurityEvents.sessionsRevoked, source: "security", actor: actor, occurredAt: now,
                                           payload: try EventPayload(encoding: SecurityEvents.SessionsRevoked(roles: [identity.role.rawValue], count: 1, reason: "signed out")))])
        return true
    }

    /// Revokes every open session of `roles` (incident response); returns how many.
    public func revokeSessions(roles: Set<Role>, by actor: String, reason: String) async throws -> Int {
        let now = clock.now()
        let count = try await store.revokeSessions(roles: roles, username: nil, at: now)
        _ = try await log.append([NewEvent(type: SecurityEvents.sessionsRevoked, source: "security", actor: actor, occurredAt: now,
                                           payload: try EventPayload(encoding: SecurityEvents.SessionsRevoked(roles: roles.map(\.rawValue).sorted(), count: count, reason: reason)))])
        return count
    }

    /// Re-seals up to `limit` TOTP secrets still in the old format (under the field key itself) with a data key,
    /// so that the old field key can be dropped after a rotation; returns how many were re-sealed.
    public func resealLegacy(limit: Int) async throws -> Int {
        var done = 0
        for var account in try await store.allAccounts() where done < limit && FieldVault.isLegacyFormat(account.sealedTOTPSecret) {
            guard let secret = try? await vault.open(account.sealedTOTPSecret) else { continue }
            account.sealedTOTPSecret = try await vault.seal(secret, kind: .accountSecret, at: clock.now())
            try await store.update(account)
            done += 1
        }
        return done
    }

    private func mac(_ id: String) -> String {
        KeyService.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Array("scs_\(id)".utf8), using: macKey)))
    }

    private func record(_ type: EventType, username: String, role: Role?, reason: String?, at now: Timestamp) async throws {
        _ = try await log.append([NewEvent(type: type, source: "security", actor: "user:\(username)", occurredAt: now,
                                           payload: try EventPayload(encoding: SecurityEvents.AccountEvent(username: username, role: role, reason: reason)))])
    }

    /// A hash of nothing anyone knows, checked for unknown usernames.
    private static let decoy = "scrypt$15$8$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
}
