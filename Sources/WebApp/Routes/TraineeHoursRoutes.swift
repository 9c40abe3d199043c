import Hummingbird
import Domain
import Store

/// One trainee's attended hours (出勤学时), set from the class page: the total to date, recorded
/// by the Store's `recordHours` as `skillcert cohort hours --id --hours` does, with its checks and
/// its audit event. The class and trainee are looked up in the actor's scope first: an
/// examiner's 403, another institution's class or trainee the same 404 as a missing one.
extension WebApp {
    func addTraineeHoursRoutes(to router: Router<WebContext>) {
        router.get("/cohorts/{id}/trainees/{trainee}/hours") { _, context -> Response in
            let (summary, trainee) = try await hoursTrainee(context)
            return hoursForm(TraineeHoursPage(summary, trainee, hours: Hours(tenths: trainee.hoursTenths).description,
                                              errors: FormErrors()), context: context)
        }

        router.post("/cohorts/{id}/trainees/{trainee}/hours") { _, context -> Response in
            let actor = try context.signedIn.user
            let (summary, trainee) = try await hoursTrainee(context)
            let typed = context.form.text("hours").trimmingWhitespace()
            let cohortId = summary.cohort.id!
            do {
                let tenths: Int
                do throws(Rejection) {
                    tenths = try Hours.parseTenths(typed)
                } catch {
                    throw StoreError.invalid(FieldProblem(field: .attendedHours, value: typed, rule: error))
                }
                _ = try await store { store in
                    try store.recordHours(cohortId: cohortId, nationalId: try NationalID.parse(trainee.nationalId, today: store.today),
                                          hoursTenths: tenths, actor: actor)
                }
            } catch {
                let errors = try FormErrors(error, inputs: [.attendedHours: "hours"])
                return hoursForm(TraineeHoursPage(summary, trainee, hours: typed, errors: errors), status: .badRequest, context: context)
            }
            return .redirect(to: "/cohorts/\(cohortId)?done=hours", type: .normal)
        }
    }

    /// The class and trainee whose hours are set, both within the actor's scope.
    private func hoursTrainee(_ context: WebContext) async throws -> (CohortSummary, CohortTrainee) {
        let actor = try context.signedIn.user
        guard let id = context.parameters.get("id", as: Int64.self),
              let enrolmentId = context.parameters.get("trainee", as: Int64.self) else { throw WebError.notFound }
        return try await store { store in
            (try store.cohort(id: id, actor: actor), try store.cohortTrainee(cohortId: id, enrolmentId: enrolmentId, actor: actor))
        }
    }

    private func hoursForm(_ page: TraineeHoursPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("trainee-hours", title: "记录学时", page: page, status: status, context: context)
    }
}

/// The form that sets one trainee's attended hours: the total to date, not an addition.
struct TraineeHoursPage {
    let cohortId: Int64
    let cohortName: String
    let plannedHours: Int
    let trainee: TraineeRow
    let action: String
    let refused: Bool
    let general: [FormMessage]
    let hours: FormInput

    init(_ summary: CohortSummary, _ trainee: CohortTrainee, hours: String, errors: FormErrors) {
        cohortId = summary.cohort.id!
        cohortName = summary.cohort.name
        plannedHours = summary.cohort.plannedHours
        self.trainee = TraineeRow(trainee, cohortId: cohortId)
        action = "/cohorts/\(cohortId)/trainees/\(trainee.enrolmentId)/hours"
        refused = !errors.isEmpty
        general = errors.general
        self.hours = FormInput("hours", field: .attendedHours, value: hours, errors: errors, required: true,
                               hintZh: "到今天为止的累计出勤学时，如 64 或 64.5（计划 \(summary.cohort.plannedHours) 学时）。",
                               hintEn: "The total attended to date, e.g. 64 or 64.5 (of \(summary.cohort.plannedHours) planned).")
    }
}
