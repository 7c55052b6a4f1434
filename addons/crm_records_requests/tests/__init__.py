from . import test_cron
from . import test_deadlines
from . import test_fees
from . import test_release_portal
from . import test_security
from . import test_workflow
from . import test_retention
from . import test_ui_tour
