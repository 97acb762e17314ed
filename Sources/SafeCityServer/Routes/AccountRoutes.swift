import Foundation
import Hummingbird
import SafeCityCore
import Security

/// People's sign-in: `POST /v1/auth/login` (password and TOTP code → a session token), `POST
/// /v1/auth/logout`; admins create accounts (`POST /v1/accounts`, the TOTP secret shown once) and,
/// in an incident, revoke every session and key of some roles (`POST /v1/security/lockdown`).
enum AccountRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let accounts = platform.accounts

        let signIns = RateLimiter(platform.rateLimits.signIn)
        catalog.publicRoute(.post, "/v1/auth/login", limit: ("sign-in", signIns)) { request, context in
            var request = request
            let body = try await request.decodeJSON(LoginBody.self, context: context)
            do {
                let (token, session) = try await accounts.login(username: body.username, password: body.password, code: body.code)
                return try .json(encoding: LoginReply(token: token, username: session.username, role: session.role.rawValue, expiresAt: session.expiresAt))
            } catch let error as AccountService.LoginError {
                switch error {
                case .invalidCredentials:
                    platform.metrics.recordAuthFailure(reason: "login")
                    await platform.noteFailedSignIn(body.username, from: context.remoteAddress)
                    throw SafeCityError.unauthorized(error.description)
                case let .locked(until):
                    platform.metrics.recordAuthFailure(reason: "locked")
                    var problem = SafeCityError(.tooManyRequests, title: "Too many requests", detail: error.description)
                    let seconds = max(1, (until.millisecondsSince1970 - platform.clock.now().millisecondsSince1970 + 999) / 1000)
                    problem.headers[.retryAfter] = String(seconds)
                    throw problem
                }
            }
        }

        catalog.secured(.post, "/v1/auth/logout", action: .identityRead) { request, context in
            guard let token = AuthMiddleware.presentedKey(request), token.hasPrefix("scs_") else {
                throw SafeCityError.badRequest("only a session signs out; API keys are revoked by an admin")
            }
            _ = try await accounts.logout(token, by: try context.requireIdentity().actorName)
            return Response(status: .noContent)
        }

        catalog.secured(.post, "/v1/accounts", action: .keysManage) { request, context in
            var request = request
            let body = try await request.decodeJSON(CreateBody.self, context: context)
            guard let role = Role(rawValue: body.role) else {
                throw SafeCityError.invalid(ValidationError(field: "role", reason: "unknown role \"\(body.role)\""))
            }
            do {
                let created = try await accounts.create(username: body.username, role: role, password: body.password, by: try context.requireIdentity().actorName)
                return try .json(encoding: CreateReply(username: created.username, role: created.role.rawValue, totpSecret: created.totpSecretBase32,
                                                       provisioningURI: created.provisioningURI), status: .created)
            } catch let error as ValidationError {
                throw SafeCityError.invalid(error)
            }
        }

        catalog.secured(.post, "/v1/security/lockdown", action: .keysManage) { request, context in
            var request = request
            let body = try await request.decodeJSON(LockdownBody.self, context: context)
            let roles = try body.roles.map { name in
                guard let role = Role(rawValue: name) else { throw SafeCityError.invalid(ValidationError(field: "roles", reason: "unknown role \"\(name)\"")) }
                return role
            }
            guard !roles.isEmpty else { throw SafeCityError.invalid(ValidationError(field: "roles", reason: "name at least one role")) }
            let identity = try context.requireIdentity()
            let outcome = try await Lockdown.run(roles: Set(roles), keys: platform.keys, accounts: accounts,
                                                 sparingKeyID: identity.isSession ? nil : identity.keyID, by: identity.actorName,
                                                 reason: body.reason ?? "lockdown")
            return try .json(encoding: outcome)
        }
    }

    struct LoginBody: Decodable {
        var username: String
        var password: String
        var code: String
    }
    struct LoginReply: Encodable {
        var token: String
        var username: String
        var role: String
        var expiresAt: Timestamp
    }
    struct CreateBody: Decodable {
        var username: String
        var role: String
        var password: String
    }
    struct CreateReply: Encodable {
        var username: String
        var role: String
        var totpSecret: String
        var provisioningURI: String
    }
    struct LockdownBody: Decodable {
        var roles: [String]
        var reason: String?
    }
}
