import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/patients`, `/api/v1/organisation`, `/api/v1/audit`.
struct RecordsAPIController {
    let shared: SharedServices

    struct AuditPage: Codable, Sendable {
        var entries: [AuditEntry]
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(SharedRoutes.apiPatientsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(PatientInput.self, context: context)
            let patient = try await shared.patients.register(input, by: context.caller())
            var response = try JSONResponse(value: patient, status: .created).response(from: request, context: context)
            response.headers[.location] = "/api/v1/patients/\(patient.id.rawValue)"
            return response
        }
        routes.add(SharedRoutes.apiPatientsSearch) { request, context in
            let parameters = request.uri.queryParameters
            let input = PatientSearchInput(query: parameters.get("q") ?? parameters.get("nhsNumber"), birthDate: parameters.get("birthDate"),
                                           postcode: parameters.get("postcode"))
            let found = try await shared.patients.search(input, by: context.caller(reason: request.headers[.kairosReason]))
            return try JSONResponse(value: found).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiPatientsRead) { request, context in
            let id = try context.parameters.require("id")
            let patient = try await shared.patients.patient(
                id: .init(id), by: context.caller(reason: request.headers[.kairosReason]))
            return try JSONResponse(value: patient).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiOrganisation) { request, context in
            let overview = try await shared.organisation.overview(by: context.caller())
            return try JSONResponse(value: overview).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiAuditList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            let entityType = reader.text("entityType"), entityID = reader.text("entityId")
            try reader.finish()
            // One more than the page, to know whether a next page exists.
            var entries = try await shared.audit.recent(limit: min(page.limit + 1, ListPage.maximum), offset: page.offset, entityType: entityType,
                                                        entityID: entityID, by: context.caller())
            let more = entries.count > page.limit
            entries = Array(entries.prefix(page.limit))
            var response = try JSONResponse(value: AuditPage(entries: entries)).response(from: request, context: context)
            response.headers.append(contentsOf: page.headers(more: more, request: request))
            return response
        }
        routes.add(SharedRoutes.apiAuditVerify) { request, context in
            let verification = try await shared.audit.verify(by: context.caller())
            return try JSONResponse(value: verification).response(from: request, context: context)
        }
    }
}
