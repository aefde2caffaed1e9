"""Writes of the exchange: registering a sender's public key, and taking in a signed package.

Taking in a package is all or nothing. The package is read and verified first (form, version, sender, signature,
order against the packages already taken in); then, in one transaction, the sender's unit subtree, the
programme's tasks, its reporting schedules with their periods and reports, and its indicator values are brought
to exactly what the package holds, each through the owning app's actions with its history; finally the centre's
own status engine counts the sender's unit as of the package's date, and unless that gives the very figures the
package carries, everything is rolled back. Every outcome, a refusal included, is listed as a ReceivedPackage.
"""

from .apply import CHANGE_LABELS
from .receive import Outcome, current_package, import_package
from .senders import default_parent, may_send, receiving_unit, register_sender

__all__ = [
    "CHANGE_LABELS",
    "Outcome",
    "current_package",
    "default_parent",
    "import_package",
    "may_send",
    "receiving_unit",
    "register_sender",
]
