import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The server-rendered pages: login, logout, home per role, service start pages, password change,
/// patient lookup and record, and the admin pages.
struct PagesController {
    let shared: SharedServices
    let outpatients: OutpatientServices
    let pages: PageRenderer
    let secureCookies: Bool

    struct LoginForm: Decodable {
        var username: String?
        var password: String?
        var csrf: String?
        var next: String?
        enum CodingKeys: String, CodingKey { case username, password, csrf = "_csrf", next }
    }

    struct CSRFForm: Decodable {
        var csrf: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf" }
    }

    struct PasswordForm: Decodable {
        var csrf: String?
        var currentPassword: String?
        var newPassword: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", currentPassword, newPassword }
    }

    struct UserForm: Decodable {
        var csrf: String?
        var username: String?
        var displayName: String?
        var role: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", username, displayName, role }
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.loginPage) { request, context in
            if context.principal != nil { return .redirect(to: "/", type: .normal) }
            return try loginPage(next: request.uri.queryParameters.get("next"), username: nil, error: nil,
                                 status: .ok, context: context)
        }
        routes.add(SharedRoutes.login) { request, context in
            var request = request
            let form = try await request.decodeForm(LoginForm.self, context: context)
            guard let submitted = form.csrf, let cookie = request.cookies[Cookies.loginCSRF]?.value,
                SecretHash.constantTimeEquals(submitted, cookie)
            else {
                return try loginPage(next: form.next, username: form.username,
                                     error: "The login form expired. Please try again.", status: .forbidden, context: context)
            }
            do {
                let result = try await shared.accounts.login(
                    username: form.username ?? "", password: form.password ?? "", requestID: context.requestID, clientAddress: context.clientAddress)
                let target = result.user.passwordChangeRequired ? "/account/password" : PagesController.safeNext(form.next)
                var response = Response.redirect(to: target, type: .normal)
                response.setCookie(Cookie(
                    name: Cookies.session, value: result.sessionToken, maxAge: Int(AccountService.sessionLifetime),
                    path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: Cookies.loginCSRF, value: "", maxAge: 0, path: "/login",
                                          secure: secureCookies, httpOnly: true, sameSite: .strict))
                return response
            } catch ServiceError.unauthenticated(let message) {
                return try loginPage(next: form.next, username: form.username, error: message, status: .unauthorized, context: context)
            } catch let error as ServiceError {
                // Throttled (429) or too busy to check passwords now (503): say so on the form.
                let mapped = ErrorMapping.of(error)
                guard let retryAfter = mapped.retryAfter else { throw error }
                var page = try loginPage(next: form.next, username: form.username, error: mapped.detail, status: mapped.status, context: context)
                page.headers[.retryAfter] = String(retryAfter)
                return page
            }
        }
        routes.add(SharedRoutes.logout) { request, context in
            var request = request
            let form = try await request.decodeForm(CSRFForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            if let token = context.sessionToken { try await shared.accounts.logout(sessionToken: token, by: context.caller()) }
            var response = Response.redirect(to: "/login", type: .normal)
            response.setCookie(Cookie(name: Cookies.session, value: "", maxAge: 0, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        routes.add(SharedRoutes.home) { _, context in
            let caller = try context.caller()
            let role = caller.principal.role!
            let organisation = try await shared.environment.store.read { try await $0.organisation.organisation() }
            return try pages.page("shared/home", title: "Home", [
                "displayName": caller.principal.displayName, "roleName": role.displayName,
                "organisation": organisation.map { ["name": $0.name] } as Any,
                "services": role.services.map { ["id": $0.rawValue, "name": $0.displayName, "summary": $0.summary] },
                "ownWorkOnly": role.seesOwnWorkOnly,
                "passwordChangeRequired": context.passwordChangeRequired,
            ], context: context)
        }
        routes.add(SharedRoutes.servicePage) { _, context in try await servicePage(context: context) }
        routes.add(SharedRoutes.passwordPage) { _, context in
            try pages.page("shared/password", title: "Change password", [:], context: context)
        }
        routes.add(SharedRoutes.passwordChange) { request, context in
            var request = request
            let form = try await request.decodeForm(PasswordForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            do {
                try await shared.accounts.changePassword(current: form.currentPassword, new: form.newPassword, by: context.caller())
            } catch let error as ServiceError {
                let problem = PageRenderer.formProblem(error)
                return try pages.page("shared/password", title: "Change password", problem.data, context: context, status: problem.status)
            }
            context.passwordChangeRequired = false
            return try pages.page("shared/password", title: "Change password", ["done": true], context: context)
        }
        routes.add(SharedRoutes.patientSearchPage) { request, context in
            guard let query = request.uri.queryParameters.get("nhsNumber") else {
                return try pages.page("shared/patients", title: "Find a patient", [:], context: context)
            }
            do {
                let found = try await shared.patients.patient(nhsNumber: query, by: context.caller(reason: "patient lookup"))
                return try pages.page("shared/patients", title: "Find a patient", [
                    "query": query, "searched": true,
                    "found": found.map { ["id": $0.id.rawValue, "name": "\($0.givenName) \($0.familyName)", "birthDate": $0.birthDate.iso] } as Any,
                ], context: context)
            } catch let error as ServiceError {
                let problem = PageRenderer.formProblem(error)
                return try pages.page("shared/patients", title: "Find a patient", problem.data.merging(["query": query]) { a, _ in a },
                                      context: context, status: problem.status)
            }
        }
        routes.add(SharedRoutes.patientPage) { _, context in
            let id = try context.parameters.require("id")
            let caller = try context.caller(reason: "patient record page")
            let patient = try await shared.patients.patient(id: .init(id), by: caller)
            let referrals = try await outpatients.referrals.referrals(patientID: patient.id, by: caller)
            return try pages.page("shared/patient", title: "Patient record", [
                "name": "\(patient.givenName) \(patient.familyName)", "nhsNumber": patient.nhsNumber.formatted,
                "birthDate": patient.birthDate.iso, "sex": patient.sex.rawValue, "lines": patient.address.lines,
                "town": patient.address.town, "postcode": patient.address.postcode, "phone": patient.phone as Any,
                "hasReferrals": !referrals.isEmpty,
                "referrals": referrals.map { ["id": $0.id.rawValue, "specialtyId": $0.specialtyID.rawValue, "priority": $0.priority.rawValue,
                                              "received": $0.received.iso, "status": $0.status.rawValue] },
            ], context: context)
        }
        routes.add(SharedRoutes.adminUsersPage) { _, context in try await usersPage([:], context: context) }
        routes.add(SharedRoutes.adminUserCreate) { request, context in
            var request = request
            let form = try await request.decodeForm(UserForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            do {
                let role = try AccountsAPIController.parseRole(form.role)
                let created = try await shared.accounts.createUser(
                    username: form.username, displayName: form.displayName, role: role, by: context.caller())
                return try await usersPage(["created": ["username": created.user.username, "password": created.oneTimePassword]],
                                           context: context, status: .created)
            } catch let error as ServiceError {
                let problem = PageRenderer.formProblem(error)
                return try await usersPage(problem.data, context: context, status: problem.status)
            }
        }
        routes.add(SharedRoutes.adminAuditPage) { _, context in
            let caller = try context.caller()
            async let verification = shared.audit.verify(by: caller)
            async let entries = shared.audit.recent(limit: 100, by: caller)
            let (checked, recent) = try await (verification, entries)
            let formatter = ISO8601DateFormatter()
            return try pages.page("shared/audit", title: "Audit log", [
                "intact": checked.isIntact, "checked": checked.entriesChecked,
                "brokenMessage": checked.firstBroken?.message ?? "",
                "entries": recent.map { entry -> [String: Any] in
                    ["sequence": entry.sequence, "at": formatter.string(from: entry.at),
                     "actor": entry.actorID + (entry.actorRole.map { " (\($0))" } ?? ""), "action": entry.action,
                     "entity": "\(entry.entityType) \(entry.entityID ?? "")", "requestId": entry.requestID ?? ""]
                },
            ], context: context)
        }
    }

    func loginPage(next: String?, username: String?, error: String?, status: HTTPResponse.Status,
                   context: KairosRequestContext) throws -> Response
    {
        let token = shared.environment.secrets.hexToken(byteCount: 16)
        var response = try pages.page("shared/login", title: "Log in", [
            "loginCsrf": token, "next": PagesController.safeNext(next), "username": username ?? "", "error": error as Any,
        ], context: context, status: status)
        response.setCookie(Cookie(name: Cookies.loginCSRF, value: token, maxAge: 3600, path: "/login",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    func servicePage(context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        let role = caller.principal.role!
        guard let service = KairosService(rawValue: try context.parameters.require("service")) else {
            throw ServiceError.notFound(entity: "Service", id: context.parameters.get("service") ?? "")
        }
        guard role.services.contains(service) else {
            throw ServiceError.forbidden("The \(role.displayName) role does not work in \(service.displayName).")
        }
        var data: [String: Any] = [
            "serviceName": service.displayName, "summary": service.summary, "ownWorkOnly": role.seesOwnWorkOnly,
            "canSearchPatients": Role.patientReaders.contains(role),
        ]
        if Role.office.contains(role) {
            let overview = try await shared.organisation.overview(by: caller)
            data["orgName"] = overview.organisation?.name ?? "the organisation"
            data["showSites"] = service != .homeCare && !overview.locations.isEmpty
            data["locations"] = overview.locations.map {
                ["name": $0.name, "postcode": $0.address.postcode, "position": $0.address.coordinates?.description ?? "—"]
            }
            if service == .outpatients, Role.patientReaders.contains(role) {
                var links: [[String: String]] = [
                    ["href": "/outpatients/tracking-list", "label": "Patient tracking list", "hint": "Every open pathway by priority and due day, with breaches."],
                    ["href": "/outpatients/clinics", "label": "Clinic calendar", "hint": "A week of a clinician's or a location's slots."],
                    ["href": "/outpatients/reports", "label": "Reports", "hint": "18-week performance, the list's shape, utilisation, DNAs and what-if."],
                ]
                if Role.patientEditors.contains(role) {
                    links.append(["href": "/outpatients/allocation", "label": "Auto-allocation", "hint": "Fill free slots from the waiting lists, preview first."])
                }
                if Role.clinicEditors.contains(role) {
                    links.append(["href": "/outpatients/strike", "label": "Cancel sessions and rebook", "hint": "Strikes, leave and sickness: cancel and rebook by priority."])
                }
                data["outpatientLinks"] = links
                data["hasOutpatientLinks"] = true
            }
            if service == .outpatients {
                data["showClinicians"] = !overview.specialties.isEmpty
                data["specialties"] = overview.specialties.map { specialty in
                    ["name": specialty.name, "code": specialty.code,
                     "clinicians": overview.clinicians.filter { $0.specialtyID == specialty.id }.map(\.name).joined(separator: ", ")]
                }
            }
        }
        return try pages.page("shared/service", title: service.displayName, data, context: context)
    }

    func usersPage(_ extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let users = try await shared.accounts.listUsers(by: context.caller())
        var data: [String: Any] = [
            "users": users.map { ["username": $0.username, "displayName": $0.displayName, "role": $0.role.displayName,
                                  "active": $0.active ? "yes" : "no"] },
            "roles": Role.allCases.map { ["id": $0.rawValue, "name": $0.displayName] },
        ]
        for (key, value) in extra { data[key] = value }
        return try pages.page("shared/users", title: "Users", data, context: context, status: status)
    }

    /// Only same-site absolute paths are followed after login (no open redirects).
    static func safeNext(_ next: String?) -> String {
        guard let next = next?.removingPercentEncoding ?? next, next.hasPrefix("/"), !next.hasPrefix("//"),
            !next.contains("\\"), !next.hasPrefix("/login")
        else { return "/" }
        return next
    }
}
