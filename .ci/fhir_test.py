#!/usr/bin/env python3
"""The FHIR R4 interface checked by an independent implementation: the client and the R4 models of
`fhirclient` (PyPI). Starts `kairos serve --demo`, then with a standard FHIR client: reads the
CapabilityStatement, finds a patient by NHS number, searches schedules and free slots, books with
POST /fhir/Appointment, sees the same slot refused with 409 and an OperationOutcome, reads and
searches appointments, and cancels by updating the status. Every resource the server returns is
parsed with the strict R4 models (unknown elements, wrong types or missing required elements fail).
"""
import datetime
import os
import sqlite3
import subprocess
import sys

import requests
from fhirclient.server import FHIRServer
from fhirclient.models.appointment import Appointment
from fhirclient.models.bundle import Bundle
from fhirclient.models.capabilitystatement import CapabilityStatement
from fhirclient.models.operationoutcome import OperationOutcome
from fhirclient.models.patient import Patient
from fhirclient.models.schedule import Schedule
from fhirclient.models.slot import Slot

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smoke_test import DemoServer, check  # noqa: E402
import smoke_test  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/kairos"
NHS = "https://fhir.nhs.uk/Id/nhs-number"


def parsed(model, json, what):
    """The resource parsed by the strict R4 model, or a failed check."""
    try:
        return model(json)
    except Exception as error:  # FHIRValidationError and friends
        check(f"{what} is valid FHIR R4", False, f"{type(error).__name__}: {error}")
        return None


def bundle_of(server, path, model, what):
    bundle = parsed(Bundle, server.request_json(path), f"{what} (Bundle)")
    resources = [parsed(model, e.resource.as_json(), what) for e in (bundle.entry or [])] if bundle else []
    check(f"{what}: a searchset Bundle of valid resources", bundle is not None and bundle.type == "searchset" and all(resources), path)
    return bundle, resources


def waiting_routine_referral(database):
    """A routine referral with no appointment yet, its patient's NHS number and its specialty code."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT r.id, p.id, p.nhs_number, s.code FROM referrals r JOIN patients p ON p.id = r.patient_id "
            "JOIN specialties s ON s.id = r.specialty_id WHERE r.status = 'open' AND r.priority = 'routine' "
            "AND r.available_weekdays = '' AND r.available_from IS NULL "
            "AND r.id NOT IN (SELECT referral_id FROM appointments) ORDER BY r.id LIMIT 1").fetchone()


def main():
    with DemoServer(BINARY) as demo:
        token = subprocess.run([BINARY, "user", "token", "booking", "--database", demo.database],
                               capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
        server = FHIRServer(None, base_uri=demo.base + "/fhir/")
        server.session.headers["Authorization"] = f"Bearer {token}"
        try:
            capability = parsed(CapabilityStatement, server.request_json("metadata"), "the CapabilityStatement")
            check("GET /fhir/metadata: an R4 CapabilityStatement naming Patient, Schedule, Slot and Appointment",
                  capability is not None and capability.fhirVersion == "4.0.1"
                  and {r.type for r in capability.rest[0].resource} == {"Patient", "Schedule", "Slot", "Appointment"})

            referral, patient_id, nhs, specialty = waiting_routine_referral(demo.database)
            _, patients = bundle_of(server, f"Patient?identifier={NHS}|{nhs}", Patient, "Patient search by NHS number")
            check("the patient is found by NHS number", len(patients) == 1 and patients[0].id == patient_id
                  and patients[0].identifier[0].value == nhs)
            patient = parsed(Patient, server.request_json(f"Patient/{patient_id}"), "Patient read")
            check("Patient read", patient is not None and patient.birthDate is not None)

            _, schedules = bundle_of(server, f"Schedule?service-type={specialty}", Schedule, "Schedule search")
            check("schedules of the specialty", len(schedules) > 0)
            schedule = parsed(Schedule, server.request_json(f"Schedule/{schedules[0].id}"), "Schedule read")
            check("Schedule read names its practitioner", schedule is not None and schedule.actor[0].reference.startswith("Practitioner/"))

            start = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
            end = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
            _, slots = bundle_of(server, f"Slot?status=free&service-type={specialty}&start=ge{start}&start=lt{end}&_count=200", Slot, "Slot search")
            new_slots = [s for s in slots if s.appointmentType.coding[0].code == "new"]
            check("free slots of the specialty, all free and in the range",
                  len(new_slots) > 0 and all(s.status == "free" and start <= s.start.isostring[:10] < end for s in slots))
            slot = parsed(Slot, server.request_json(f"Slot/{new_slots[0].id}"), "Slot read")
            _, by_schedule = bundle_of(server, f"Slot?schedule={slot.schedule.reference}&start=ge{start}&_count=5", Slot, "Slot search by schedule")
            check("Slot search by schedule", all(s.schedule.reference == slot.schedule.reference for s in by_schedule) and len(by_schedule) > 0)

            appointment = Appointment({
                "resourceType": "Appointment", "status": "booked",
                "slot": [{"reference": f"Slot/{slot.id}"}],
                "basedOn": [{"reference": f"ServiceRequest/{referral}"}],
                "participant": [{"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"}],
            })
            created = parsed(Appointment, appointment.create(server), "the booked Appointment")
            check("POST /fhir/Appointment books the slot (201) and returns the booked Appointment",
                  created is not None and created.status == "booked" and created.slot[0].reference == f"Slot/{slot.id}")

            again = requests.post(demo.base + "/fhir/Appointment", json=appointment.as_json(),
                                  headers={"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json"}, timeout=30)
            outcome = parsed(OperationOutcome, again.json(), "the 409 OperationOutcome")
            check("booking the same slot again is 409 with an OperationOutcome",
                  again.status_code == 409 and outcome is not None and outcome.issue[0].code == "conflict", str(again.status_code))
            taken = parsed(Slot, server.request_json(f"Slot/{slot.id}"), "the taken Slot")
            check("the slot is now busy", taken is not None and taken.status == "busy")

            read = parsed(Appointment, server.request_json(f"Appointment/{created.id}"), "Appointment read")
            check("Appointment read", read is not None and read.id == created.id)
            _, found = bundle_of(server, f"Appointment?patient=Patient/{patient_id}&status=booked&date=ge{start}", Appointment, "Appointment search")
            check("Appointment search by patient, status and date finds it", any(a.id == created.id for a in found))

            read.status = "cancelled"
            cancelled = parsed(Appointment, read.update(server), "the cancelled Appointment")
            check("PUT /fhir/Appointment with status cancelled cancels it", cancelled is not None and cancelled.status == "cancelled")
            free = parsed(Slot, server.request_json(f"Slot/{slot.id}"), "the freed Slot")
            check("the slot is free again", free is not None and free.status == "free")

            anonymous = requests.get(demo.base + "/fhir/Slot", timeout=30)
            check("without a token: 401 with an OperationOutcome",
                  anonymous.status_code == 401 and parsed(OperationOutcome, anonymous.json(), "the 401 OperationOutcome") is not None)
            bad = requests.get(demo.base + "/fhir/Slot?colour=blue", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            check("an unsupported search parameter: 422 with an OperationOutcome",
                  bad.status_code == 422 and parsed(OperationOutcome, bad.json(), "the 422 OperationOutcome") is not None)
        except Exception as error:
            check("the FHIR client journey completes", False, f"{type(error).__name__}: {error}")
    check("server stops cleanly on SIGINT", demo.exit_code == 0, str(demo.exit_code))
    print(f"fhir: {smoke_test.passed} passed, {smoke_test.failed} failed")
    return 0 if smoke_test.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
