import { bootPage } from '../../boot/bootPage';
import { InvestigatePage } from '../../components/InvestigatePage/InvestigatePage';
import { readIndicatorParam, writeIndicatorParam } from '../../boot/url-state';

void bootPage('Investigate', () => (
    <InvestigatePage
        initialIndicator={readIndicatorParam(window.location)}
        onInvestigate={(indicator) => writeIndicatorParam(window.history, window.location, indicator)}
    />
));
