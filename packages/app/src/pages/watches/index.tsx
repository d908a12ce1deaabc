import { bootPage } from '../../boot/bootPage';
import { WatchesPage } from '../../components/WatchesPage/WatchesPage';

void bootPage('Watches', () => <WatchesPage />);
