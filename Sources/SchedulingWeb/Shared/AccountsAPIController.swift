import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/me`, `/api/v1/users`, `/api/v1/tokens`.
struct AccountsAPIController {
    let accounts: AccountService

    /// A user as the API shows it.
    struct UserDTO: Codable, Sendable {
        var id: String
        var username: String
        var displayName: String
        var role: Role
        var active: Bool
        var createdAt: Date

        init(_ user: UserAccount) {
            id = user.id.rawValue
            username = user.username
            displayName = user.displayName
            role = user.role
            active = user.active
            createdAt = user.createdAt
        }
    }

    struct CreateUserRequest: Codable, Sendable {
        var username: String?
        var displayName: String?
        var role: String?
    }

    struct CreatedUserDTO: Codable, Sendable {
        var user: UserDTO
        var oneTimePassword: String
    }

    struct TokenDTO: Codable, Sendable {
        var id: String
        var name: String
        var createdAt: Date
        var revokedAt: Date?

        init(_ token: APIToken) {
            id = token.id.rawValue
            name = token.name
            createdAt = token.createdAt
            revokedAt = token.revokedAt
        }
    }

    struct CreateTokenRequest: Codable, Sendable {
        var name: String?
    }

    struct IssuedTokenDTO: Codable, Sendable {
        var token: TokenDTO
        var secret: String
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.apiMe) { request, context in
            let caller = try context.caller()
            let user = try await accounts.user(named: caller.principal.username)
            return try JSONResponse(value: UserDTO(user)).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiUsersList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            try reader.finish()
            let users = try await accounts.listUsers(by: context.caller())
            return try page.response(users.map(UserDTO.init), request: request, context: context)
        }
        routes.add(SharedRoutes.apiUsersCreate) { request, context in
            var request = request
            let body = try await request.decodeJSON(CreateUserRequest.self, context: context)
            let role = try AccountsAPIController.parseRole(body.role)
            let created = try await accounts.createUser(
                username: body.username, displayName: body.displayName, role: role, by: context.caller())
            return try JSONResponse(value: CreatedUserDTO(user: UserDTO(created.user), oneTimePassword: created.oneTimePassword),
                                    status: .created).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiTokensList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            try reader.finish()
            let tokens = try await accounts.tokens(of: context.caller())
            return try page.response(tokens.map(TokenDTO.init), request: request, context: context)
        }
        routes.add(SharedRoutes.apiTokensCreate) { request, context in
            var request = request
            let body = try await request.decodeJSON(CreateTokenRequest.self, context: context)
            let caller = try context.caller()
            let issued = try await accounts.issueToken(for: caller.principal.username, name: body.name, by: caller)
            return try JSONResponse(value: IssuedTokenDTO(token: TokenDTO(issued.token), secret: issued.secret),
                                    status: .created).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiTokensRevoke) { _, context in
            let id = try context.parameters.require("id")
            try await accounts.revokeToken(id: .init(id), by: context.caller())
            return Response(status: .noContent)
        }
    }

    /// A role from its wire name; `nil` when absent (reported by the service as required).
    static func parseRole(_ text: String?) throws -> Role? {
        guard let text else { return nil }
        guard let role = Role(rawValue: text) else {
            throw ServiceError.invalid([.init(
                path: "role", code: "field.enum",
                message: "role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")])
        }
        return role
    }
}
