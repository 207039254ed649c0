import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/clinic-templates`, `/api/v1/slots` (OP-03) and `/api/v1/bookings` (OP-04).
struct ClinicsAPIController {
    let outpatients: OutpatientServices

    struct GenerationInput: Codable, Sendable {
        var days: Int?
    }

    struct GenerationResult: Codable, Sendable {
        var added: Int
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.apiBookingsCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(BookingInput.self, context: context)
            let appointment = try await outpatients.bookings.book(input, by: context.caller())
            return try JSONResponse(value: appointment, status: .created).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiClinicTemplatesCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ClinicTemplateInput.self, context: context)
            let template = try await outpatients.clinics.createTemplate(input, by: context.caller())
            return try JSONResponse(value: template, status: .created).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiClinicTemplateChange) { request, context in
            var request = request
            let id = ClinicTemplate.ID(try context.parameters.require("id"))
            let input = try await request.decodeJSON(TemplateChangeInput.self, context: context)
            let change = try await outpatients.clinics.changeTemplate(id: id, input, by: context.caller())
            return try JSONResponse(value: change).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiSlotsGenerate) { request, context in
            var request = request
            let input = try await request.decodeJSON(GenerationInput.self, context: context)
            let added = try await outpatients.clinics.generateSlots(days: input.days ?? 84, by: context.caller())
            return try JSONResponse(value: GenerationResult(added: added)).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiSlotsList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let first = reader.date("from", required: true), last = reader.date("through", required: true)
            let status = reader.choice("status", Slot.Status.self)
            if let first, let last, last < first {
                reader.add(.init(path: "through", code: "dates.order", message: "through \(last) is before from \(first)."))
            }
            if let first, let last, first.days(until: last) > 366 {
                reader.add(.init(path: "through", code: "dates.span", message: "from and through may be at most 366 days apart."))
            }
            let page = ListPage.read(&reader)
            try reader.finish()
            guard let first, let last else { throw ServiceError.invalid(reader.issues) }
            let slots = try await outpatients.clinics.slots(from: first, through: last, specialtyID: reader.text("specialtyId").map { .init($0) },
                                                         status: status, by: context.caller())
            return try page.response(slots, request: request, context: context)
        }
    }
}
