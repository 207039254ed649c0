import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The outpatient pages for booking coordinators and team leaders: the patient tracking list, a
/// pathway with its bookings, offers and letters, the clinic calendar, the auto-allocation
/// preview, the strike rescheduling wizard and the reports. One file per page.
struct OutpatientPagesController {
    let shared: SharedServices
    let outpatients: OutpatientServices
    let pages: PageRenderer

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.trackingListPage) { request, context in try await trackingList(request, context: context) }
        routes.add(OutpatientRoutes.trackingListCSVPage) { request, context in try await trackingListCSV(request, context: context) }
        routes.add(OutpatientRoutes.pathwayPage) { request, context in try await showPathway(request, context: context) }
        routes.add(OutpatientRoutes.pathwayBooking) { request, context in try await submitBooking(request, context: context) }
        routes.add(OutpatientRoutes.pathwayNoteSubmit) { request, context in try await submitNote(request, context: context) }
        routes.add(OutpatientRoutes.pathwayOfferSubmit) { request, context in try await submitOffer(request, context: context) }
        routes.add(OutpatientRoutes.offerOutcomeSubmit) { request, context in try await submitOfferOutcome(request, context: context) }
        routes.add(OutpatientRoutes.appointmentChangePage) { _, context in
            try await changePage(.init(try context.parameters.require("id")), extra: [:], context: context)
        }
        routes.add(OutpatientRoutes.appointmentChangeSubmit) { request, context in try await submitChange(request, context: context) }
        routes.add(OutpatientRoutes.appointmentCancellationConfirm) { _, context in
            try await cancellationPage(.init(try context.parameters.require("id")), extra: [:], context: context)
        }
        routes.add(OutpatientRoutes.appointmentCancellationPage) { request, context in try await submitCancellation(request, context: context) }
        routes.add(OutpatientRoutes.clinicCalendarPage) { request, context in try await calendar(request, context: context) }
        routes.add(OutpatientRoutes.messagesPage) { request, context in try await messagesPage(request, context: context) }
        routes.add(OutpatientRoutes.slotBookingPage) { request, context in try await showSlotBooking(request, context: context) }
        routes.add(OutpatientRoutes.slotBookingSubmit) { request, context in try await submitSlotBooking(request, context: context) }
        routes.add(OutpatientRoutes.allocationPage) { _, context in try await allocationPage(form: nil, plan: nil, extra: [:], context: context) }
        routes.add(OutpatientRoutes.allocationSubmit) { request, context in try await submitAllocation(request, context: context) }
        routes.add(OutpatientRoutes.strikePage) { _, context in try await strikePage(form: nil, result: nil, extra: [:], context: context) }
        routes.add(OutpatientRoutes.strikeSubmit) { request, context in try await submitStrike(request, context: context) }
        routes.add(OutpatientRoutes.reportsPage) { request, context in try await reports(request, context: context) }
    }
}
