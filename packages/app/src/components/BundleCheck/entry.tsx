// TEMPORARY: bundle-size check of the investigate page with every new component (deleted after the check).
import { bootPage } from '../../boot/bootPage';
import { InvestigatePage } from '../InvestigatePage/InvestigatePage';
import { IndicatorBar } from '../IndicatorBar/IndicatorBar';
import { IndicatorHeader } from '../IndicatorHeader/IndicatorHeader';
import { IntelTabs } from '../IntelTabs/IntelTabs';
import { SummaryTab } from '../SummaryTab/SummaryTab';
import { ResolutionsTab } from '../ResolutionsTab/ResolutionsTab';
import { WhoisTab } from '../WhoisTab/WhoisTab';
import { CertificatesTab } from '../CertificatesTab/CertificatesTab';
import { HostAttributesTab } from '../HostAttributesTab/HostAttributesTab';
import { InternalHitsTab } from '../InternalHitsTab/InternalHitsTab';
import { LandingPanel } from '../LandingPanel/LandingPanel';

const all = [
    InvestigatePage,
    IndicatorBar,
    IndicatorHeader,
    IntelTabs,
    SummaryTab,
    ResolutionsTab,
    WhoisTab,
    CertificatesTab,
    HostAttributesTab,
    InternalHitsTab,
    LandingPanel,
];
void bootPage('Investigate', () => <div>{all.length}</div>);
(window as unknown as { __all: unknown }).__all = all;
