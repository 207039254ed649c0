import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/clinic-templates`, `/api/v1/slots` (OP-03) and `/api/v1/bookings` (OP-04).
struct ClinicsAPIController {
    let services: KairosServices

    struct GenerationInput: Codable, Sendable {
        var days: Int?
    }

    struct GenerationResult: Codable, Sendable {
        var added: Int
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(RouteCatalogue.apiBookingsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(BookingInput.self, context: context)
            let appointment = try await services.bookings.book(input, by: context.caller())
            return try JSONResponse(value: appointment, status: .created).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiClinicTemplatesCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ClinicTemplateInput.self, context: context)
            let template = try await services.clinics.createTemplate(input, by: context.caller())
            return try JSONResponse(value: template, status: .created).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiSlotsGenerate) { request, context in
            var request = request
            let input = try await request.decodeJSON(GenerationInput.self, context: context)
            let added = try await services.clinics.generateSlots(days: input.days ?? 84, by: context.caller())
            return try JSONResponse(value: GenerationResult(added: added)).response(from: request, context: context)
        }
        routes.add(RouteCatalogue.apiSlotsList) { request, context in
            let query = request.uri.queryParameters
            var issues: [ValidationIssue] = []
            func day(_ name: String) -> LocalDate? {
                guard let text = query.get(name) else {
                    issues.append(.init(path: name, code: "field.required", message: "\(name) query parameter is required.")); return nil
                }
                guard let date = LocalDate(iso: text) else {
                    issues.append(.init(path: name, code: "date.format", message: "\(name) must be a date as YYYY-MM-DD.")); return nil
                }
                return date
            }
            let first = day("from"), last = day("through")
            var status: Slot.Status?
            if let text = query.get("status") {
                status = Slot.Status(rawValue: text)
                if status == nil {
                    issues.append(.init(path: "status", code: "field.enum", message: "status must be one of: \(Slot.Status.allCases.map(\.rawValue).joined(separator: ", ")).")) }
            }
            if let first, let last, last < first {
                issues.append(.init(path: "through", code: "dates.order", message: "through \(last) is before from \(first)."))
            }
            if let first, let last, first.days(until: last) > 366 {
                issues.append(.init(path: "through", code: "dates.span", message: "from and through may be at most 366 days apart."))
            }
            guard issues.isEmpty, let first, let last else { throw ServiceError.invalid(issues) }
            let slots = try await services.clinics.slots(from: first, through: last, specialtyID: query.get("specialtyId").map { .init($0) },
                                                         status: status, by: context.caller())
            return try JSONResponse(value: slots).response(from: request, context: context)
        }
    }
}
