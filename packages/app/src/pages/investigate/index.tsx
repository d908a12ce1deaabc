import { bootPage } from '../../boot/bootPage';
import { InvestigatePage } from '../../components/InvestigatePage/InvestigatePage';

void bootPage('Investigate', () => <InvestigatePage />);
