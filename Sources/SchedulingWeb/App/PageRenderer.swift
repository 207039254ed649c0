import Foundation
import Hummingbird
import Mustache
import SchedulingDomain
import SchedulingServices

/// Renders the server-side HTML pages from the Mustache templates shipped as resources.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template in the bundled `Templates` folder.
    public static func load() async throws -> PageRenderer {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw PageRendererError.templatesMissing
        }
        return PageRenderer(library: try await MustacheLibrary(directory: url.path))
    }

    /// The bundled static files folder (CSS).
    public static var publicDirectory: String? {
        Bundle.module.url(forResource: "Public", withExtension: nil)?.path
    }

    /// Renders a page with the common layout data merged in.
    func page(_ template: String, title: String, _ data: [String: Any] = [:], context: KairosRequestContext,
              status: HTTPResponse.Status = .ok) throws -> Response
    {
        var values = layout(title: title, context: context)
        for (key, value) in data {
            // An absent optional must leave the key unset (a falsy section), not render as "nil".
            values[key] = PageRenderer.unwrapped(value)
        }
        guard let html = library.render(values, withTemplate: template) else {
            throw PageRendererError.unknownTemplate(template)
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: .init(string: html)))
    }

    /// An error page for a problem.
    func errorPage(problem: Problem, context: KairosRequestContext) throws -> Response {
        try page("shared/error", title: problem.title, [
            "status": problem.status, "detail": problem.detail, "requestId": problem.requestId ?? "",
            "issues": (problem.issues ?? []).map { ["path": $0.path, "message": $0.message] },
            "loginLink": problem.status == 401,
        ], context: context, status: .init(code: problem.status))
    }

    /// A form that failed: the messages to show above it and the page's status, both from the
    /// one ``ErrorMapping``. Pages choose only where the messages go.
    ///
    /// Each field's first message is also under `errors.<field>` (the issue's path), for the form
    /// to show beside the field; the summary's entries link to the field (`#<path>`).
    ///
    /// A service names its fields as the API does (`rebook.minimumNoticeDays`); `fields` maps such
    /// a path to the form's field and its label, so that the message starts with the words on the
    /// page ("Minimum notice must be 0 to 60.") and sits under `errors.<form field>`.
    static func formProblem(_ error: ServiceError, fields: [String: FormField] = [:]) -> (status: HTTPResponse.Status, data: [String: Any]) {
        let mapped = ErrorMapping.of(error)
        var errors: [String: String] = [:]
        var issues: [[String: String]] = []
        for issue in mapped.issues {
            var message = issue.message, path = issue.path
            if let field = fields[issue.path] {
                if issue.code == "field.required", let required = field.whenMissing {
                    message = required
                } else if message.hasPrefix(issue.path + " ") {
                    message = field.label + message.dropFirst(issue.path.count)
                }
                path = field.name
            } else if let bracket = issue.path.firstIndex(of: "["), let field = fields[String(issue.path[..<bracket])] {
                path = field.name  // one item of a list field (`slotIDs[1]`): the message is the service's
            }
            if !path.isEmpty && errors[path] == nil { errors[path] = message }
            issues.append(["message": message, "path": path])
        }
        if mapped.kind != .invalid { issues = mapped.messages.map { ["message": $0] } }
        return (mapped.status, ["hasIssues": true, "issues": issues, "errors": errors])
    }

    /// A form field as the page names it: its `name` and the label a message starts with.
    struct FormField {
        var name: String
        var label: String
        /// What to say when the field was left empty ("Choose the new slot."), if not "<label> is required.".
        var whenMissing: String?
        init(_ name: String, _ label: String, whenMissing: String? = nil) {
            self.name = name
            self.label = label
            self.whenMissing = whenMissing
        }
    }

    /// The wrapped value of an `Optional` passed as `Any`, `nil` for `.none`, or the value itself;
    /// dictionaries and arrays of dictionaries are unwrapped all the way down, so a nested absent
    /// optional is an unset key too.
    static func unwrapped(_ value: Any) -> Any? {
        switch value {
        case let dictionary as [String: Any]: return dictionary.compactMapValues { unwrapped($0) }
        case let rows as [[String: Any]]: return rows.map { $0.compactMapValues { unwrapped($0) } }
        default: break
        }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }

    /// Data every page needs: the user, the CSRF token, navigation for the role.
    func layout(title: String, context: KairosRequestContext) -> [String: Any] {
        var values: [String: Any] = ["title": title]
        guard let principal = context.principal, let role = principal.role else { return values }
        values["user"] = ["name": principal.displayName, "role": role.displayName]
        values["csrf"] = context.webSession?.csrfToken ?? ""
        var nav: [[String: Any]] = [["href": "/", "label": "Home"]]
        for service in role.services {
            nav.append(["href": "/services/\(service.rawValue)", "label": service.displayName])
        }
        if Role.patientReaders.contains(role) { nav.append(["href": "/patients", "label": "Patients"]) }
        if role == .admin {
            nav.append(["href": "/admin/users", "label": "Users"])
            nav.append(["href": "/admin/audit", "label": "Audit"])
        }
        nav.append(["href": "/account/password", "label": "Password"])
        values["nav"] = nav
        return values
    }
}

/// Template loading failures.
enum PageRendererError: Error {
    case templatesMissing
    case unknownTemplate(String)
}
