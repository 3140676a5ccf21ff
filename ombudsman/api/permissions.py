"""DRF permission classes of the ombudsman API, built on the predicates of ``core.permissions``."""

from humanrights_portal.core import permissions
from humanrights_portal.core.api.permissions import predicate_permission

#: Read cases and recommendations (anonymised outside the ombudsman role).
CanViewCases = predicate_permission(permissions.can_view_cases, "CanViewCases")
#: Every write on cases, recommendations and counselling sessions; counselling reads too.
CanHandleComplaints = predicate_permission(permissions.can_handle_complaints, "CanHandleComplaints")
#: Aggregated, anonymous figures for the staff dashboards.
CanViewCaseStatistics = predicate_permission(permissions.can_view_case_statistics, "CanViewCaseStatistics")
