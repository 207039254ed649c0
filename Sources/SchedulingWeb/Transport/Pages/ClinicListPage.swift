import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// A hospital site's clinic list (PT-07): arrivals then departures with planned and recorded
/// times, mobility and vehicle, printable, and as CSV.
extension TransportPagesController {
    func clinicListQuery(_ request: Request, context: KairosRequestContext) async throws -> (LocalDate, ClinicLocation.ID?, [ClinicLocation]) {
        var reader = QueryReader(request.uri.queryParameters)
        let date = reader.date("date") ?? shared.environment.today
        let site = reader.text("siteId").map { ClinicLocation.ID($0) }
        try reader.finish()
        let sites = try await shared.organisation.overview(by: context.caller()).locations.filter { $0.address.coordinates != nil }
        return (date, site, sites)
    }

    func clinicListPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let (date, siteID, sites) = try await clinicListQuery(request, context: context)
        let query = request.uri.queryParameters
        let extra: [String: Any] = ["sent": query["sent"] == "1", "addressSaved": query["saved"] == "address"]
        return try await clinicListPage(date: date, siteID: siteID, sites: sites, extra: extra, context: context)
    }

    func clinicListPage(date: LocalDate, siteID: ClinicLocation.ID?, sites: [ClinicLocation], extra: [String: Any], context: KairosRequestContext,
                        status: HTTPResponse.Status = .ok) async throws -> Response
    {
        var data: [String: Any] = [
            "date": date.iso, "day": Display.day(date),
            "sites": sites.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == siteID] },
            "canEditAddress": try context.caller().principal.holds(anyOf: TransportBookingService.contractRoles),
        ]
        if let siteID {
            let list = try await transport.clinicLists.list(siteID: siteID, on: date, by: context.caller())
            func rows(_ direction: TransportJourney.Direction) -> [[String: Any]] {
                list.rows.filter { $0.direction == direction }.map { r in
                    [
                        "time": Display.time(r.time), "planned": r.planned.map(Display.time) ?? "Not planned", "actual": r.actual.map(Display.time) as Any,
                        "patient": r.patientName, "nhsNumber": r.nhsNumber, "mobility": r.mobility.label.capitalizedFirst,
                        "escorts": r.escorts == 0 ? "" : "+\(r.escorts)", "vehicle": r.vehicle ?? "", "status": Self.status(r.status),
                    ]
                }
            }
            data["site"] = ["id": list.site.id.rawValue, "name": list.site.name]
            data["arriving"] = rows(.toAppointment)
            data["leaving"] = rows(.home)
            data["hasRows"] = !list.rows.isEmpty
            if let address = list.address { data["address"] = address }
            data["addressTyped"] = list.address ?? ""
        }
        data.merge(extra) { $1 }
        return try pages.page("transport/clinic-list", title: "Clinic list", data, context: context, status: status)
    }

    /// `text` as a query value: letters, digits, `-`, `_` and `.` as they are, the rest escaped.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }

    struct AddressForm: Decodable {
        var csrf: String?
        var siteId, date, email, remove: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", siteId, date, email, remove }
    }

    /// Sets or removes the site's clinic-list address and goes back to the list; the list again
    /// with the error beside the field, what was typed kept, if the address will not do.
    func saveClinicListAddress(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(AddressForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let site = ClinicLocation.ID(form.siteId ?? "")
        let date = form.date.flatMap(LocalDate.init(iso:)) ?? shared.environment.today
        let typed = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try await transport.clinicLists.setAddress(siteID: site, email: form.remove != nil ? nil : typed, by: context.caller())
            return .redirect(to: "/transport/clinic-list?siteId=\(Self.queryValue(site.rawValue))&date=\(date.iso)&saved=address",
                             type: .normal)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let problem = PageRenderer.formProblem(error, fields: ["email": .init("email", "Email address", whenMissing: "Give the email address, like reception@hospital.nhs.uk.")])
            let sites = try await shared.organisation.overview(by: context.caller()).locations.filter { $0.address.coordinates != nil }
            var extra = problem.data
            extra["addressTyped"] = form.email ?? ""
            extra["addressOpen"] = true
            return try await clinicListPage(date: date, siteID: site, sites: sites, extra: extra, context: context, status: problem.status)
        }
    }

    struct SendForm: Decodable {
        var csrf: String?
        var siteId: String?
        var date: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", siteId, date }
    }

    /// Queues the list for the site and goes back to it, saying so.
    func sendClinicList(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(SendForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        var c = ValidationCollector()
        let date = c.requireDate(form.date, at: "date")
        let site = c.requireText(form.siteId, at: "siteId", maxLength: 100)
        guard let date, let site, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        _ = try await transport.clinicLists.send(siteID: .init(site), on: date, by: context.caller())
        return .redirect(to: "/transport/clinic-list?siteId=\(Self.queryValue(site))&date=\(date.iso)&sent=1", type: .normal)
    }

    func clinicListCSV(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let (date, siteID, _) = try await clinicListQuery(request, context: context)
        guard let siteID else { throw ServiceError.invalid([.init(path: "siteId", code: "field.required", message: "siteId is required.")]) }
        let list = try await transport.clinicLists.list(siteID: siteID, on: date, by: context.caller())
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"clinic-list-\(siteID.rawValue)-\(date.iso).csv\"",
        ], body: .init(byteBuffer: .init(string: list.csv)))
    }
}
