import { bootPage } from '../../boot/bootPage';
import { SetupPage } from '../../components/SetupPage/SetupPage';

void bootPage('Setup', () => <SetupPage />);
