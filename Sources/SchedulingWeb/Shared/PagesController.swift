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
            var data: [String: Any] = [
                "displayName": caller.principal.displayName, "roleName": role.displayName,
                "organisation": organisation.map { ["name": $0.name] } as Any,
                "services": role.services.map { ["id": $0.rawValue, "name": $0.displayName, "summary": $0.summary] },
                "ownWorkOnly": role.seesOwnWorkOnly,
                "passwordChangeRequired": context.passwordChangeRequired,
            ]
            // Outpatient staff start the day from their worklist.
            if Role.outpatientStaff.contains(role) {
                let counts = try await outpatients.referrals.worklistCounts(by: caller)
                data["worklist"] = [
                    ["count": counts.toBook, "label": "pathways to book", "href": "/outpatients/tracking-list?view=to-book", "alert": false],
                    ["count": counts.twoWeekWaitsUnbooked, "label": "two-week waits not booked within 7 days", "href": "/outpatients/tracking-list?view=two-week-waits-unbooked",
                     "alert": counts.twoWeekWaitsUnbooked > 0],
                    ["count": counts.breachingThisWeek, "label": "pathways breaching 18 weeks this week", "href": "/outpatients/tracking-list?view=breaching-this-week",
                     "alert": counts.breachingThisWeek > 0],
                    ["count": counts.decisionsPending, "label": "missed appointments awaiting a decision", "href": "/outpatients/tracking-list?view=decisions-pending", "alert": false],
                    ["count": counts.messagesFailed, "label": "letters, texts or emails that failed to send", "href": "/outpatients/messages?status=failed",
                     "alert": counts.messagesFailed > 0],
                ]
                data["hasWorklist"] = true
            }
            return try pages.page("shared/home", title: "Home", data, context: context)
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
                let problem = PageRenderer.formProblem(error, fields: [
                    "currentPassword": .init("currentPassword", "Your current password"), "newPassword": .init("newPassword", "The new password"),
                ])
                return try pages.page("shared/password", title: "Change password", problem.data, context: context, status: problem.status)
            }
            context.passwordChangeRequired = false
            return try pages.page("shared/password", title: "Change password", ["done": true], context: context)
        }
        routes.add(SharedRoutes.patientSearchPage) { request, context in
            let parameters = request.uri.queryParameters
            // `nhsNumber` is the old name of the box (bookmarked links).
            let form = ["q": parameters.get("q") ?? parameters.get("nhsNumber"), "birthDate": parameters.get("birthDate"),
                        "postcode": parameters.get("postcode")].compactMapValues { $0 }
            let caller = try context.caller(reason: "patient lookup")
            var data: [String: Any] = ["form": form]
            if caller.principal.role.map({ !$0.seesEveryPatient }) ?? false {
                data["scopeNote"] = "You find the patients who have a journey requested."
            }
            guard !form.isEmpty else { return try pages.page("shared/patients", title: "Find a patient", data, context: context) }
            // A UBRN (12 digits) from an e-Referral: straight to its pathway.
            if let q = form["q"], caller.principal.role?.seesEveryPatient ?? true, UBRN(q) != nil {
                if let referral = try await outpatients.referrals.find(ubrn: q, by: caller) {
                    return .redirect(to: "/outpatients/referrals/\(referral.id.rawValue)", type: .normal)
                }
                data["searched"] = true
                data["notFoundText"] = "No referral has the UBRN \(UBRN(q)!.formatted)."
                return try pages.page("shared/patients", title: "Find a patient", data, context: context)
            }
            // An appointment reference a patient quotes (letters and digits): straight to the pathway.
            if let q = form["q"], caller.principal.role?.seesEveryPatient ?? true, let reference = Appointment.normalisedReference(q),
               reference.contains(where: \.isLetter), reference.contains(where: \.isNumber)
            {
                if let appointment = try await outpatients.appointments.find(reference: reference, by: caller) {
                    return .redirect(to: "/outpatients/referrals/\(appointment.referralID.rawValue)#appointments", type: .normal)
                }
                // Not an appointment's: perhaps a hospital number (letters and digits too).
                let byNumber = (try? await shared.patients.search(.init(query: q), by: caller)) ?? []
                if byNumber.count == 1 { return .redirect(to: "/patients/\(byNumber[0].id.rawValue)", type: .normal) }
                data["searched"] = true
                data["notFoundText"] = "No appointment has the reference \(reference), and no patient has it as a hospital number."
                return try pages.page("shared/patients", title: "Find a patient", data, context: context)
            }
            do {
                let found = try await shared.patients.search(.init(query: form["q"], birthDate: form["birthDate"], postcode: form["postcode"]), by: caller)
                if found.count == 1, form["q"].map({ $0.contains(where: \.isNumber) }) ?? false {
                    // One patient by NHS number: straight to the record.
                    return .redirect(to: "/patients/\(found[0].id.rawValue)", type: .normal)
                }
                data["searched"] = true
                data["hasResults"] = !found.isEmpty
                data["resultText"] = found.count >= PatientService.searchLimit
                    ? "The first \(found.count) patients; add a date of birth or a postcode to narrow the search."
                    : found.count == 1 ? "1 patient." : "\(found.count) patients."
                data["results"] = found.map { p -> [String: Any] in
                    ["id": p.id.rawValue, "name": "\(p.familyName), \(p.givenName)", "nhsNumber": p.nhsNumber.formatted,
                     "birthDate": Display.birthDate(p.birthDate), "postcode": p.address.postcode]
                }
                return try pages.page("shared/patients", title: "Find a patient", data, context: context)
            } catch let error as ServiceError {
                let problem = PageRenderer.formProblem(error)
                return try pages.page("shared/patients", title: "Find a patient", problem.data.merging(data) { a, _ in a },
                                      context: context, status: problem.status)
            }
        }
        routes.add(SharedRoutes.patientPage) { _, context in
            let id = try context.parameters.require("id")
            let caller = try context.caller(reason: "patient record page")
            let patient = try await shared.patients.patient(id: .init(id), by: caller)
            let today = shared.environment.today
            var data: [String: Any] = ["banner": Self.banner(patient, today: today), "name": Display.name(patient)]
            let names = try await shared.organisation.overview(by: caller)
            let locations = Dictionary(names.locations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            if caller.principal.role?.seesEveryPatient ?? true {
                let referrals = try await outpatients.referrals.referrals(patientID: patient.id, by: caller)
                let specialties = Dictionary(names.specialties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                data["showReferrals"] = true
                data["hasReferrals"] = !referrals.isEmpty
                data["referrals"] = referrals.map { r -> [String: Any] in
                    ["id": r.id.rawValue, "specialty": specialties[r.specialtyID] ?? "Unknown specialty", "priority": Display.priority(r.priority),
                     "received": Display.day(r.received), "status": Display.status(r.status)]
                }
            }
            let journeys = try await shared.patients.journeys(of: patient.id, by: caller)
            data["hasJourneys"] = !journeys.isEmpty
            data["journeys"] = journeys.map { j -> [String: Any] in
                ["day": Display.day(j.date), "arriveBy": Display.time(j.arriveBy), "returnAfter": Display.time(j.returnAfter),
                 "location": locations[j.locationID] ?? "Unknown location", "status": Display.status(j.status)]
            }
            return try pages.page("shared/patient", title: Display.name(patient), data, context: context)
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
                let problem = PageRenderer.formProblem(error, fields: [
                    "username": .init("username", "The username"), "displayName": .init("displayName", "The full name"), "role": .init("role", "The role"),
                ])
                var data = problem.data
                data["form"] = ["username": form.username ?? "", "displayName": form.displayName ?? ""]
                data["chosenRole"] = form.role ?? ""
                return try await usersPage(data, context: context, status: problem.status)
            }
        }
        routes.add(SharedRoutes.adminAuditPage) { _, context in
            let caller = try context.caller()
            async let verification = shared.audit.verify(by: caller)
            async let entries = shared.audit.recent(limit: 100, by: caller)
            async let users = shared.accounts.listUsers(by: caller)
            let (checked, recent, known) = try await (verification, entries, users)
            let names = Dictionary(known.map { ($0.id.rawValue, "\($0.displayName) (\($0.username))") }, uniquingKeysWith: { a, _ in a })
            return try pages.page("shared/audit", title: "Audit log", [
                "intact": checked.isIntact, "checked": checked.entriesChecked,
                "brokenMessage": checked.firstBroken?.message ?? "",
                "entries": recent.map { entry -> [String: Any] in
                    ["sequence": entry.sequence, "at": Display.instant(entry.at),
                     "actor": (names[entry.actorID] ?? entry.actorID) + (entry.actorRole.flatMap(Role.init(rawValue:)).map { ", \($0.displayName)" } ?? ""),
                     "action": entry.action, "entity": "\(entry.entityType) \(entry.entityID ?? "")", "requestId": entry.requestID ?? ""]
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
            "canSearchPatients": Role.patientReaders.contains(role), "crew": role == .crew,
        ]
        if Role.office.contains(role) {
            let overview = try await shared.organisation.overview(by: caller)
            data["orgName"] = overview.organisation?.name ?? "the organisation"
            data["showSites"] = service != .homeCare && !overview.locations.isEmpty
            data["locations"] = overview.locations.map {
                ["name": $0.name, "postcode": $0.address.postcode]
            }
            if service == .outpatients, Role.outpatientStaff.contains(role) {
                var links: [[String: String]] = [
                    ["href": "/outpatients/tracking-list", "label": "Patient tracking list", "hint": "Every open pathway by priority and due day, with breaches."],
                    ["href": "/outpatients/clinics", "label": "Clinic grid", "hint": "A week of clinics by specialty, clinician or location; book a free slot."],
                    ["href": "/outpatients/messages", "label": "Letters and messages", "hint": "Those that failed to send, and the rest by status."],
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
            if service == .transport, TransportBookingService.officeRoles.contains(role) {
                data["transportLinks"] = [
                    ["href": "/transport/day", "label": "Day board", "hint": "Tomorrow's vehicles on a timeline and a map; plan, commit, re-plan after a breakdown."],
                    ["href": "/transport/journeys/new", "label": "Book a journey", "hint": "There, home or both, checked against the day's vehicles."],
                    ["href": "/transport/calls", "label": "Confirmation calls", "hint": "Tomorrow's journeys to confirm by phone, with each call's outcome."],
                    ["href": "/transport/run-sheet", "label": "Run sheets", "hint": "Every vehicle's run for a day, printable."],
                    ["href": "/transport/clinic-list", "label": "Clinic lists", "hint": "Who arrives at each hospital when, and who goes home when; printable and CSV."],
                    ["href": "/transport/reports", "label": "Indicators", "hint": "Punctuality, time on board, waits, the fleet's use, income and third-party spend, planned and recorded."],
                ]
                if TransportPlanService.managerRoles.contains(role), var links = data["transportLinks"] as? [[String: String]] {
                    links.append(["href": "/transport/authorisations", "label": "Third-party authorisations",
                                  "hint": "Plans whose journeys for third-party providers await your authorisation, with their cost."])
                    data["transportLinks"] = links
                }
                data["hasTransportLinks"] = true
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
            "roles": Role.allCases.map { ["id": $0.rawValue, "name": $0.displayName, "selected": $0.rawValue == extra["chosenRole"] as? String] },
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

    /// The patient banner every patient page shows (`shared/banner`).
    static func banner(_ patient: Patient, today: LocalDate) -> [String: Any] {
        let address = (patient.address.lines + [patient.address.town, patient.address.postcode]).filter { !$0.isEmpty }.joined(separator: ", ")
        return ["name": Display.name(patient), "nhsNumber": patient.nhsNumber.formatted, "birthDate": Display.birthDate(patient.birthDate),
                "age": "\(patient.age(on: today)) years", "sex": Display.sex(patient.sex), "address": address, "phone": patient.phone as Any,
                "hospitalNumber": patient.hospitalNumber as Any, "gp": patient.gpPractice as Any, "interpreter": patient.interpreterLanguage as Any,
                "alerts": patient.alerts.map { ["text": $0] }, "adjustments": patient.reasonableAdjustments.map { ["text": $0] },
                "hasAlerts": !patient.alerts.isEmpty || !patient.reasonableAdjustments.isEmpty]
    }
}
