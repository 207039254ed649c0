import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// `/api/v1/appointments`, `/api/v1/access-…`, `/api/v1/messages…`, `/api/v1/journey-requests`:
/// an appointment's life after booking (OP-06, OP-07, OP-08, OP-11) and the outbox.
struct AppointmentsAPIController {
    let shared: SharedServices
    let outpatients: OutpatientServices

    struct OutcomeInput: Codable, Sendable {
        var outcome: String?
    }

    struct TaskInput: Codable, Sendable {
        var status: String?
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.apiAppointmentRead) { request, context in
            let id = try context.parameters.require("id")
            let details = try await outpatients.appointments.details(id: .init(id), by: context.caller(reason: request.headers[.kairosReason]))
            return try JSONResponse(value: details).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiReferralAppointments) { request, context in
            let id = try context.parameters.require("id")
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            try reader.finish()
            let history = try await outpatients.appointments.history(referralID: .init(id), by: context.caller())
            return try page.response(history, request: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAppointmentCancel) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(CancellationInput.self, context: context)
            let details = try await outpatients.appointments.cancel(id: .init(id), input, by: context.caller())
            return try JSONResponse(value: details).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAppointmentChange) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(ChangeInput.self, context: context)
            let details = try await outpatients.appointments.change(id: .init(id), input, by: context.caller())
            var response = try JSONResponse(value: details, status: .created).response(from: request, context: context)
            response.headers[.location] = "/api/v1/appointments/\(details.appointment.id.rawValue)"
            return response
        }
        routes.add(OutpatientRoutes.apiAppointmentOutcome) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(OutcomeInput.self, context: context)
            let details = try await outpatients.appointments.recordOutcome(id: .init(id), outcome: input.outcome, by: context.caller())
            return try JSONResponse(value: details).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiJourneyRequests) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let from = reader.date("from", required: true), to = reader.date("to", required: true)
            let page = ListPage.read(&reader)
            try reader.finish()
            let list = try await outpatients.appointments.journeyRequests(from: from!, through: to!, by: context.caller())
            return try page.response(list, request: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAccessPolicyRead) { request, context in
            try JSONResponse(value: try await outpatients.accessPolicy.policy(by: context.caller())).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAccessPolicySet) { request, context in
            var request = request
            let policy = try await request.decodeJSON(AccessPolicy.self, context: context)
            return try JSONResponse(value: try await outpatients.accessPolicy.setPolicy(policy, by: context.caller())).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAccessDecisions) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let page = ListPage.read(&reader)
            try reader.finish()
            return try page.response(try await outpatients.accessPolicy.pending(by: context.caller()), request: request, context: context)
        }
        routes.add(OutpatientRoutes.apiAccessDecisionResolve) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(ResolutionInput.self, context: context)
            let decision = try await outpatients.accessPolicy.resolve(id: .init(id), input, by: context.caller())
            return try JSONResponse(value: decision).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessagesList) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let filter = OutboxFilter(status: reader.choice("status", OutboxMessage.Status.self), channel: reader.choice("channel", OutboxMessage.Channel.self),
                                      kind: reader.choice("kind", OutboxMessage.Kind.self), patientID: reader.text("patientId").map { .init($0) },
                                      appointmentID: reader.text("appointmentId").map { .init($0) })
            let page = ListPage.read(&reader, maximum: 500)
            try reader.finish()
            var messages = try await shared.notifications.messages(filter, limit: min(page.limit + 1, 500), offset: page.offset, by: context.caller())
            let more = messages.count > page.limit
            messages = Array(messages.prefix(page.limit))
            var response = try JSONResponse(value: messages).response(from: request, context: context)
            response.headers.append(contentsOf: page.headers(more: more, request: request))
            return response
        }
        routes.add(SharedRoutes.apiMessagesSummary) { request, context in
            try JSONResponse(value: try await shared.notifications.summary(by: context.caller())).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessageTask) { request, context in
            var request = request
            let id = try context.parameters.require("id")
            let input = try await request.decodeJSON(TaskInput.self, context: context)
            let message = try await shared.notifications.completeTask(id: .init(id), status: input.status, by: context.caller())
            return try JSONResponse(value: message).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessagingSettingsRead) { request, context in
            try JSONResponse(value: try await shared.notifications.settings(by: context.caller())).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessagingSettingsSet) { request, context in
            var request = request
            let settings = try await request.decodeJSON(MessagingSettings.self, context: context)
            return try JSONResponse(value: try await shared.notifications.setSettings(settings, by: context.caller()))
                .response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessageTemplateRead) { request, context in
            let key = try context.parameters.require("key")
            return try JSONResponse(value: try await shared.notifications.template(key: key, by: context.caller())).response(from: request, context: context)
        }
        routes.add(SharedRoutes.apiMessageTemplateSet) { request, context in
            var request = request
            let key = try context.parameters.require("key")
            let template = try await request.decodeJSON(MessageTemplates.Template.self, context: context)
            try await shared.notifications.setTemplate(key: key, template, by: context.caller())
            return try JSONResponse(value: template).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiSessionCancellations) { request, context in
            var request = request
            let input = try await request.decodeJSON(SessionCancellationInput.self, context: context)
            let result = try await outpatients.sessions.cancel(input, by: context.caller())
            return try JSONResponse(value: result).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiClosureDays) { request, context in
            var reader = QueryReader(request.uri.queryParameters)
            let today = shared.environment.today
            let from = reader.date("from") ?? today
            let to = reader.date("to") ?? from.adding(days: 366)
            try reader.finish()
            return try JSONResponse(value: try await outpatients.closures.closedDays(from: from, through: to, by: context.caller()))
                .response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiClosureDayCreate) { request, context in
            var request = request
            let input = try await request.decodeJSON(ClinicClosureInput.self, context: context)
            return try JSONResponse(value: try await outpatients.closures.close(input, by: context.caller())).response(from: request, context: context)
        }
        routes.add(OutpatientRoutes.apiClosureDayDelete) { _, context in
            try await outpatients.closures.reopen(try context.parameters.require("date"), by: context.caller())
            return Response(status: .noContent)
        }
        routes.add(OutpatientRoutes.apiAllocations) { request, context in
            var request = request
            let input = try await request.decodeJSON(AutoAllocationInput.self, context: context)
            let caller = try context.caller()
            // A large preview runs as a solve job: 202 with the job to follow (its result is the plan).
            if try await outpatients.allocation.previewIsLarge(input, by: caller) {
                let text = String(decoding: try JSONCoding.encoder.encode(input), as: UTF8.self)
                let job = try await shared.jobs.start(kind: outpatients.allocation.previewJob.name, input: text, by: caller)
                var response = try JobsAPIController.respond(JobsAPIController.view(job), status: .accepted)
                response.headers[.location] = "/api/v1/jobs/\(job.id.rawValue)"
                return response
            }
            let plan = try await outpatients.allocation.allocate(input, by: caller)
            return try JSONResponse(value: plan).response(from: request, context: context)
        }
        routes.add(SharedRoutes.letterPage) { _, context in
            let id = try context.parameters.require("id")
            let message = try await shared.notifications.message(id: .init(id), by: context.caller(reason: "print letter"))
            guard message.channel == .letter else { throw ServiceError.notFound(entity: "Letter", id: id) }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: LetterPage.contentSecurityPolicy],
                            body: .init(byteBuffer: .init(string: LetterPage.html(message))))
        }
    }
}
